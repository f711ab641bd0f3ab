package gdbench.report;

import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.CellId;
import gdbench.runfolder.JmhResults;
import gdbench.runfolder.RunFolderFiles;
import gdbench.runfolder.TutorialReferenceData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The headline: time per step of every cell on every step workload, with the tutorial's Python loops below. */
final class TimePerStepSection {
  private TimePerStepSection() {}

  static void render(RunResults results, StringBuilder md) {
    md.append("## Time per step\n\n");
    boolean forks = results.forksAsUnit();
    if (forks) {
      md.append(Figure.share("step results", results.figures(BenchmarkKind.STEP), results.confidence())).append("\n\n");
    }
    List<String> columns = new ArrayList<>(List.of("cell"));
    for (String w : results.stepWorkloads()) {
      columns.add(">" + w);
    }
    Markdown.Table t = new Markdown.Table(columns.toArray(String[]::new));
    for (CellId c : results.cells()) {
      List<String> row = new ArrayList<>(List.of("`" + c + "`"));
      for (String w : results.stepWorkloads()) {
        double s = results.secondsPerStep(c, w);
        if (!Double.isFinite(s)) {
          row.add(results.missingStep(c, w));
          continue;
        }
        String text = forks ? withSpread(results.stepFigure(c, w))
            : Markdown.duration(s) + " ± " + Markdown.percent(results.step(c, w).primary().relativeError());
        row.add(s == results.fastestSecondsPerStep(w) ? "**" + text + "**" : text);
      }
      t.row(row.toArray());
    }
    if (forks && results.stepWorkloads().stream().anyMatch(w -> results.floorFigure(w) != null)) {
      List<String> row = new ArrayList<>(List.of("`" + FLOOR + "` (X and y read once)"));
      for (String w : results.stepWorkloads()) {
        Figure f = results.floorFigure(w);
        row.add(f == null ? "not run" : withSpread(f));
      }
      t.row(row.toArray());
    }
    TutorialReferenceData reference = results.run().reference();
    if (reference != null && reference.complete()) {
      referenceRows(reference, results.stepWorkloads(), t);
    }
    md.append(t.render()).append('\n');
    md.append("Bold: the fastest cell on the workload. ");
    if (forks) {
      md.append(notes(results));
    }
    md.append(referenceNote(reference)).append("\n\n");
    md.append("![samples per second against N](throughput.png)\n\n");
    if (forks) {
      timesFloor(results, md);
      heapSizes(results, md);
    }
  }

  /** The floor's id in the plan and on the page. */
  static final String FLOOR = BenchmarkKind.FLOOR.id();

  /** A figure's time with its interval, and the forks' spread beside it where the figure is a mean. */
  static String withSpread(Figure f) {
    if (f == null) {
      return "-";
    }
    return f.marked() || !f.interval().hasInterval() ? f.time() : f.time() + ", cv " + f.cv();
  }

  /** What the floor row is, and the footnote markers that occur in the step results. */
  private static String notes(RunResults results) {
    StringBuilder sb = new StringBuilder();
    sb.append("`floor`: one pass reading X and y once with the widest SIMD the JVM offers (`").append(BenchmarkKind.FLOOR.jmhMethod())
        .append("`), the least work any step does on the workload. ");
    List<Figure> all = new ArrayList<>(results.figures(BenchmarkKind.STEP));
    all.addAll(results.figures(BenchmarkKind.FLOOR));
    if (all.stream().anyMatch(f -> f.marks().contains(Figure.NOISY_HOST))) {
      sb.append(Figure.NOISY_HOST_NOTE).append(" measured while CPU steal or load exceeded the host's bound (Fingerprint and host, below). ");
    }
    if (all.stream().anyMatch(f -> f.marks().contains(Figure.FEW_FORKS))) {
      sb.append(Figure.FEW_FORKS_NOTE).append(" fewer than ").append(Figure.FEW).append(" forks: the interval is wide by construction. ");
    }
    return sb.toString();
  }

  /** Every cell's time per step over the floor's on the same workload, from this run. */
  private static void timesFloor(RunResults results, StringBuilder md) {
    md.append("### × floor\n\n");
    if (results.stepWorkloads().stream().allMatch(w -> results.floorFigure(w) == null)) {
      md.append("The floor was not measured in this run.\n\n");
      return;
    }
    md.append("Each cell's time per step ÷ the floor's time per pass on the same workload, both from this run; the interval takes both "
        + "intervals conservatively: [cell's shortest ÷ floor's longest, cell's longest ÷ floor's shortest] (the iterations' range where marked).\n\n");
    List<String> columns = new ArrayList<>(List.of("cell"));
    for (String w : results.stepWorkloads()) {
      columns.add(">" + w);
    }
    Markdown.Table t = new Markdown.Table(columns.toArray(String[]::new));
    for (CellId c : results.cells()) {
      List<String> row = new ArrayList<>(List.of("`" + c + "`"));
      for (String w : results.stepWorkloads()) {
        Figure f = results.stepFigure(c, w);
        row.add(f == null ? results.missingStep(c, w) : Figure.ratio(f, results.floorFigure(w)));
      }
      t.row(row.toArray());
    }
    md.append(t.render()).append('\n');
  }

  /** Cells that also ran at a second heap size: both figures and their ratio. */
  private static void heapSizes(RunResults results, StringBuilder md) {
    if (results.otherHeapSteps().isEmpty()) {
      return;
    }
    md.append("### Heap size\n\n");
    md.append("The cells whose native memory is freed only when the Java heap is collected also ran at a second heap size: the heap "
        + "decides how often that happens, and so part of their cost. Ratio: time per step at the second heap ÷ at the run's "
        + Markdown.or(results.heap(), "default") + " (below 1: faster with the other heap), interval taken conservatively from both.\n\n");
    Markdown.Table t = new Markdown.Table("cell", "workload", ">at " + Markdown.or(results.heap(), "run heap"), "second heap", ">time",
        ">ratio");
    for (JmhResults.Result r : results.otherHeapSteps()) {
      CellId c = CellId.parse(r.param("cell"));
      String w = r.param("workload");
      Figure other = results.figure(BenchmarkKind.STEP, r);
      Figure base = results.stepFigure(c, w);
      t.row("`" + c + "`", w, base == null ? results.missingStep(c, w) : withSpread(base), Markdown.text(r.heap()), withSpread(other),
          Figure.ratio(other, base));
    }
    md.append(t.render()).append('\n');
  }

  /** One row per library and stage, in the order the script timed them. */
  private static void referenceRows(TutorialReferenceData reference, List<String> workloads, Markdown.Table t) {
    Map<String, Map<String, TutorialReferenceData.Row>> rows = new LinkedHashMap<>();
    for (TutorialReferenceData.Row r : reference.rows()) {
      rows.computeIfAbsent(Markdown.text(r.library()) + "/" + Markdown.text(r.stage()) + (r.variant() == null ? "" : "/" + r.variant()),
          k -> new LinkedHashMap<>()).put(Markdown.text(r.workload()), r);
    }
    for (Map.Entry<String, Map<String, TutorialReferenceData.Row>> e : rows.entrySet()) {
      // schema 1 had the tutorial's code only; schema 2 names the variant in the id
      boolean variants = e.getValue().values().stream().anyMatch(r -> r.variant() != null);
      List<String> row = new ArrayList<>(List.of((variants ? "python: `" : "tutorial: ") + e.getKey() + (variants ? "`" : "")));
      for (String w : workloads) {
        TutorialReferenceData.Row r = e.getValue().get(w);
        if (r == null) {
          row.add("not run");
          continue;
        }
        if (r.repeated()) { // schema 2: the interval over fresh processes, as the JVM against Python section explains
          row.add(JvmAgainstPythonSection.python(r).text());
          continue;
        }
        double rate = r.stepsPerSecond();
        row.add(Markdown.duration(1 / rate) + " ± " + Markdown.percent(r.stdev() / rate) + " sd");
      }
      t.row(row.toArray());
    }
  }

  private static String referenceNote(TutorialReferenceData reference) {
    if (reference == null) {
      return "Tutorial reference rows: not run (no " + RunFolderFiles.TUTORIAL_REFERENCE + " in this run).";
    }
    if (!reference.complete()) {
      return "Tutorial reference rows: not run: " + Markdown.or(reference.reason(), TutorialReferenceData.PYTHON_NOT_FOUND) + ".";
    }
    if (reference.statistic() != null) {
      return String.format(Locale.ROOT, "`python:` rows are the tutorial's own code (`tutorial`) and an expert's (`tuned`) in Python %s "
          + "(numpy %s, PyTorch %s, %d thread(s)), timed by `gdbench reference` on the same data, not by JMH: each the mean of %d fresh "
          + "processes, ± as in the JVM against Python section below, which pairs them with the cells.", Markdown.text(reference.python()),
          Markdown.text(reference.numpy()), Markdown.text(reference.torch()), Markdown.or(reference.threads(), 0),
          reference.statistic().processes());
    }
    return String.format(Locale.ROOT, "`tutorial:` rows are the tutorial's own loops timed in Python %s (numpy %s, PyTorch %s, %d thread), "
        + "not by JMH: ± is one standard deviation of %s.", Markdown.text(reference.python()), Markdown.text(reference.numpy()),
        Markdown.text(reference.torch()), Markdown.or(reference.threads(), 0),
        Boolean.TRUE.equals(reference.quick()) ? "2 short samples" : "5 samples");
  }
}
