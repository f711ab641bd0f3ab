package gdbench.report;

import gdbench.runfolder.CellId;
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
        String text = Markdown.duration(s) + " ± " + Markdown.percent(results.step(c, w).primary().relativeError());
        row.add(s == results.fastestSecondsPerStep(w) ? "**" + text + "**" : text);
      }
      t.row(row.toArray());
    }
    TutorialReferenceData reference = results.run().reference();
    if (reference != null && reference.complete()) {
      referenceRows(reference, results.stepWorkloads(), t);
    }
    md.append(t.render()).append('\n');
    md.append("Bold: the fastest cell on the workload. ");
    md.append(referenceNote(reference)).append("\n\n");
    md.append("![samples per second against N](throughput.png)\n\n");
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
