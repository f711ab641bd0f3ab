package gdbench.report;

import gdbench.runfolder.CellId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The size and feature sweeps: every cell's throughput against N (or D), and where each library overtakes plain Java. */
final class SizeSweepSection {
  private SizeSweepSection() {}

  /** A sweep's axis: its symbol and what it varies. */
  private record Axis(String symbol, String noun) {}

  private static final Axis SIZE = new Axis("N", "size");
  private static final Axis FEATURES = new Axis("D", "number of features");

  static void render(RunResults results, StringBuilder md) {
    SizeSweep sizes = SizeSweep.of(results);
    if (sizes != null) {
      md.append("## Size sweep\n\n");
      md.append(String.format(Locale.ROOT, "The step of every cell at N = %s (one feature, with bias, lr 0.1; a point equal to a named workload"
          + " is that workload's result), in million samples per second: the mean over fork means, or the median where the result is"
          + " marked. %s Chart: `size-sweep.png`.%n%n",
          String.join(", ", sizes.grid().stream().map(n -> String.format(Locale.ROOT, "%,d", n)).toList()), caches(results)));
      render(sizes, SIZE, md);
    }
    SizeSweep features = SizeSweep.features(results);
    if (features != null) {
      md.append("## Feature sweep\n\n");
      md.append(String.format(Locale.ROOT, "The step of every cell at D = %s features with N·D = %,d values of X at every point (with bias,"
          + " lr 0.1; D = 1 is `large`, D = 64 `wide`), in million values of X per second: where a matrix–vector product overtakes a"
          + " fused pass, and how each cost grows with D at the same amount of data. Chart: `feature-sweep.png`.%n%n",
          String.join(", ", features.grid().stream().map(String::valueOf).toList()), features.valuesPerStep(0)));
      render(features, FEATURES, md);
    }
  }

  private static void render(SizeSweep sweep, Axis axis, StringBuilder md) {
    List<Object> header = new ArrayList<>(List.of("cell"));
    sweep.grid().forEach(n -> header.add(">" + (axis == SIZE ? shortN(n) : "D = " + n)));
    Markdown.Table t = new Markdown.Table(header.stream().map(Object::toString).toArray(String[]::new));
    for (String cell : sweep.cells()) {
      List<Object> row = new ArrayList<>(List.of("`" + cell + "`"));
      for (int i = 0; i < sweep.grid().size(); i++) {
        SizeSweep.Rate r = sweep.point(cell, i);
        row.add(r == null ? "-" : Markdown.sig(r.mean() * sweep.valuesPerStep(i) / 1e6));
      }
      t.row(row.toArray());
    }
    md.append(t.render()).append('\n');

    md.append("### Which cell for which ").append(axis.noun()).append("\n\n");
    md.append("The fastest cell at each point, against the next (`gdbench advise ").append(axis == SIZE ? "--n N" : "--n N --d D")
        .append("` answers between the points too).\n\n");
    Markdown.Table pick = new Markdown.Table(">" + axis.symbol(), "fastest", "next", "verdict");
    for (int n : sweep.grid()) {
      List<Advice.Ranked> ranked = Advice.rank(sweep, n);
      if (!ranked.isEmpty()) {
        pick.row(String.format(Locale.ROOT, "%,d", n), "`" + ranked.get(0).cell() + "`", ranked.size() > 1 ? "`" + ranked.get(1).cell() + "`" : "-",
            Advice.verdict(ranked));
      }
    }
    md.append(pick.render()).append('\n');

    String s = axis.symbol();
    md.append("### Crossovers on the ").append(axis == SIZE ? "sweep" : "feature sweep").append("\n\n");
    md.append("Where a cell overtakes plain Java's loops (`plain`) and the fused SIMD pass (`plain-simd`): " + s + " by the means, interpolated"
        + " in log " + s + " between the neighbouring points, and the range from the intervals (the earliest " + s + " where the cell's upper bound"
        + " passes the baseline's lower bound, the latest where its lower bound passes the baseline's upper bound; open where a bound"
        + " does not cross inside the grid, `not resolved` where the cell is not faster beyond both intervals at the largest " + s + ").\n\n");
    Markdown.Table c = new Markdown.Table("cell", "overtakes plain", "overtakes plain-simd");
    for (String cell : sweep.cells()) {
      CellId id = CellId.parse(cell);
      if (Baselines.isBaselineBackend(id)) {
        continue;
      }
      c.row("`" + cell + "`", text(sweep.crossover(cell, Baselines.PLAIN.id()), sweep, s), text(sweep.crossover(cell, Baselines.FLOOR.id()), sweep, s));
    }
    md.append(c.isEmpty() ? "Only plain Java cells in this sweep.\n" : c.render()).append('\n');
  }

  static String text(SizeSweep.Crossover x, SizeSweep sweep) {
    return text(x, sweep, "N");
  }

  static String text(SizeSweep.Crossover x, SizeSweep sweep, String s) {
    return switch (x.verdict()) {
      case UNKNOWN -> "unknown (results missing)";
      case NEVER -> "never (slower at every " + s + ")";
      case WINDOW -> String.format(Locale.ROOT, "faster only %s to %s ≈ %s by the means, slower at the largest %s",
          Double.isNaN(x.n()) ? "from the smallest " + s : "from " + s + " ≈ " + roundN(x.n()), s, roundN(x.nHigh()), s);
      case ALWAYS -> "always (faster at every " + s + ")";
      case OVERTAKES -> String.format(Locale.ROOT, "%s ≈ %s (%s to %s)", s, roundN(x.n()),
          Double.isNaN(x.nLow()) ? "≤ " + roundN(sweep.smallest()) : roundN(x.nLow()),
          Double.isNaN(x.nHigh()) ? "not resolved" : roundN(x.nHigh()));
    };
  }

  /** N to two significant figures, with thousands separators. */
  static String roundN(double n) {
    double scale = Math.pow(10, Math.max(0, Math.floor(Math.log10(n)) - 1));
    return String.format(Locale.ROOT, "%,d", Math.round(Math.round(n / scale) * scale));
  }

  /** 4, 16, ..., 1Ki, 4Ki, ..., 16Mi: column headers that fit. */
  static String shortN(int n) {
    if (n >= 1 << 20 && n % (1 << 20) == 0) {
      return (n >> 20) + "Mi";
    }
    if (n >= 1 << 10 && n % (1 << 10) == 0) {
      return (n >> 10) + "Ki";
    }
    return Integer.toString(n);
  }

  /** The N at which x and y (8 bytes a sample) fill each cache level, or that the run recorded none. */
  static String caches(RunResults results) {
    Map<String, Long> levels = results.env().hardware() == null ? Map.of() : CacheFit.levels(results.env().hardware().caches());
    if (levels.isEmpty()) {
      return "The machine reported no cache sizes, so none are marked.";
    }
    List<String> parts = new ArrayList<>();
    levels.forEach((level, bytes) -> parts.add(String.format(Locale.ROOT, "%s at N = %,d", level, bytes / 8)));
    return "x and y fill " + String.join(", ", parts) + ".";
  }
}
