package gdbench.report;

import gdbench.runfolder.CellId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** From which N each library's step beats plain Java's loops and the SIMD floor, on one feature. */
final class CrossoverSection {
  private CrossoverSection() {}

  static void render(RunResults results, StringBuilder md) {
    List<String> byN = results.oneFeature(results.stepWorkloads());
    md.append("## Crossovers\n\n");
    md.append("From which N a cell's step is faster than plain Java's, on the one-feature workloads (N = ");
    md.append(String.join(", ", byN.stream().map(w -> String.format(Locale.ROOT, "%,d", results.sizes().get(w))).toList()));
    md.append("): `plain` is the tutorial's loops, `plain-simd` the fused SIMD pass.\n\n");
    Markdown.Table t = new Markdown.Table("cell", "overtakes plain", "overtakes plain-simd");
    for (CellId c : results.cells()) {
      if (Baselines.isBaselineBackend(c)) {
        continue;
      }
      t.row("`" + c + "`", crossover(results, c, Baselines.PLAIN, byN), crossover(results, c, Baselines.FLOOR, byN));
    }
    md.append(t.isEmpty() ? "Only plain Java cells in this run.\n" : t.render()).append('\n');
  }

  /** Faster from some N on, at every N, never, or only below the largest N (then where). */
  private static String crossover(RunResults results, CellId cell, CellId base, List<String> byN) {
    List<Boolean> faster = new ArrayList<>();
    for (String w : byN) {
      double a = results.secondsPerStep(cell, w);
      double b = results.secondsPerStep(base, w);
      if (!Double.isFinite(a) || !Double.isFinite(b)) {
        return "unknown (results missing)";
      }
      faster.add(a < b);
    }
    if (!faster.contains(true)) {
      return "never (slower at every N)";
    }
    if (!faster.contains(false)) {
      return "always (faster at every N)";
    }
    int from = faster.size();
    while (from > 0 && faster.get(from - 1)) {
      from--;
    }
    if (from == faster.size()) {
      List<String> where = new ArrayList<>();
      for (int i = 0; i < faster.size(); i++) {
        if (faster.get(i)) {
          where.add(String.format(Locale.ROOT, "%,d", results.sizes().get(byN.get(i))));
        }
      }
      return "not at the largest N (faster only at N = " + String.join(", ", where) + ")";
    }
    return String.format(Locale.ROOT, "from N = %,d (slower at %,d)", results.sizes().get(byN.get(from)), results.sizes().get(byN.get(from - 1)));
  }
}
