package gdbench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a run folder as Markdown. Every number comes from the folder's JSON; nothing depends on
 * when or where the report is rendered, so rendering the same folder twice gives the same text.
 */
public final class Report {
  static final String PLAIN = "plain/manual";
  static final String FLOOR = "plain-simd/manual";

  private final RunData run;
  private final Map<String, Integer> sizes;
  private final List<String> cells;
  private final List<String> stepWorkloads;
  /** cell → workload → step result. */
  private final Map<String, Map<String, JmhResults.Result>> step = new LinkedHashMap<>();

  private Report(RunData run) {
    this.run = run;
    this.sizes = run.workloadSizes();
    this.cells = run.servedCells();
    List<String> planned = new ArrayList<>();
    run.env().path("jmh").path("benchmarks").path("step").path("workloads").forEach(w -> planned.add(w.asText()));
    this.stepWorkloads = planned.isEmpty() ? new ArrayList<>(sizes.keySet()) : planned;
    for (JmhResults.Result r : run.resultsOf("step")) {
      step.computeIfAbsent(r.param("cell"), k -> new LinkedHashMap<>()).put(r.param("workload"), r);
    }
  }

  public static String render(RunData run) {
    return new Report(run).markdown();
  }

  private String markdown() {
    StringBuilder md = new StringBuilder();
    header(md);
    headline(md);
    throughput(md);
    abstractionTax(md);
    crossovers(md);
    convergence(md);
    timeToTarget(md);
    coldStart(md);
    transfer(md);
    memory(md);
    problems(md);
    environment(md);
    reproduce(md);
    return md.toString();
  }

  // ------------------------------------------------------------------ header

  private void header(StringBuilder md) {
    JsonNode env = run.env();
    md.append("# gdbench run ").append(run.run()).append(" on ").append(run.machine()).append("\n\n");
    JsonNode counts = env.path("counts");
    if (run.complete()) {
      md.append("**Complete** ");
    } else {
      md.append("**INCOMPLETE")
          .append(env.path("interrupted").asBoolean() ? ": the run was interrupted" : "")
          .append("** — the tables below hold only what finished; missing results are listed as such. ");
    }
    md.append(String.format(Locale.ROOT, "(%s mode): %d of %d benchmarks ok, %d failed, %d skipped, %d not run; wall time %s.%n%n",
        env.path("mode").asText("?"), counts.path("ok").asInt(), counts.path("planned").asInt(), counts.path("failed").asInt(),
        counts.path("skipped").asInt(), counts.path("not-run").asInt(), Markdown.duration(env.path("wallSeconds").asDouble(Double.NaN))));
    JsonNode hw = env.path("hardware");
    md.append(String.format(Locale.ROOT, "%s, %s · %s %s · JDK %s · JMH %s · device %s · %d thread(s) · commit `%s`%s%n%n",
        run.hardware(), Markdown.bytes(hw.path("memoryBytes").asDouble(Double.NaN)),
        env.path("os").path("name").asText(""), env.path("os").path("distribution").asText(env.path("os").path("version").asText("")),
        env.path("jdk").path("version").asText("?"), env.path("jmh").path("version").asText("?"), run.device(),
        env.path("threads").path("threads").asInt(1), shortCommit(), env.path("git").path("dirty").asBoolean() ? " (with uncommitted changes)" : ""));
    md.append("Time per step is one full-batch gradient-descent step (prediction, MSE loss, gradient, update); "
        + "± is JMH's 99.9% error. Workloads: ");
    List<String> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = env.path("workloads").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> w = it.next();
      parts.add(String.format(Locale.ROOT, "`%s` %,d × %d%s", w.getKey(), w.getValue().path("n").asInt(), w.getValue().path("d").asInt(),
          w.getValue().path("bias").asBoolean() ? " with bias" : ""));
    }
    md.append(String.join(", ", parts)).append(".\n\n");
  }

  private String shortCommit() {
    String c = run.env().path("git").path("commit").asText("unknown");
    return c.length() > 10 ? c.substring(0, 10) : c;
  }

  // ------------------------------------------------------------------ headline

  private JmhResults.Result stepResult(String cell, String workload) {
    Map<String, JmhResults.Result> byWorkload = step.get(cell);
    return byWorkload == null ? null : byWorkload.get(workload);
  }

  /** Seconds per step, from steps/s. */
  private double secondsPerStep(String cell, String workload) {
    JmhResults.Result r = stepResult(cell, workload);
    return r == null ? Double.NaN : 1 / r.primary().score();
  }

  private String missing(String cell, String workload) {
    for (JsonNode f : run.env().path("failed")) {
      if (f.path("cell").asText().equals(cell) && f.path("workload").asText().equals(workload) && f.path("benchmark").asText().equals("step")) {
        return "failed";
      }
    }
    for (JsonNode p : run.env().path("plan")) {
      if (p.path("cell").asText().equals(cell) && p.path("workload").asText().equals(workload) && p.path("benchmark").asText().equals("step")) {
        return p.path("status").asText("missing");
      }
    }
    return "not run";
  }

  private void headline(StringBuilder md) {
    md.append("## Time per step\n\n");
    List<String> columns = new ArrayList<>(List.of("cell"));
    for (String w : stepWorkloads) {
      columns.add(">" + w);
    }
    Markdown.Table t = new Markdown.Table(columns.toArray(String[]::new));
    Map<String, Double> fastest = new LinkedHashMap<>();
    for (String w : stepWorkloads) {
      double best = Double.NaN;
      for (String c : cells) {
        double s = secondsPerStep(c, w);
        if (Double.isFinite(s) && !(s >= best)) {
          best = s;
        }
      }
      fastest.put(w, best);
    }
    for (String c : cells) {
      List<String> row = new ArrayList<>(List.of("`" + c + "`"));
      for (String w : stepWorkloads) {
        double s = secondsPerStep(c, w);
        if (!Double.isFinite(s)) {
          row.add(missing(c, w));
          continue;
        }
        String text = Markdown.duration(s) + " ± " + Markdown.percent(stepResult(c, w).primary().relativeError());
        row.add(s == fastest.get(w) ? "**" + text + "**" : text);
      }
      t.row(row.toArray());
    }
    referenceRows(t);
    md.append(t.render()).append('\n');
    md.append("Bold: the fastest cell on the workload. ");
    md.append(referenceNote()).append("\n\n");
    md.append("![samples per second against N](throughput.png)\n\n");
  }

  private void referenceRows(Markdown.Table t) {
    JsonNode ref = run.reference();
    if (ref == null || !"complete".equals(ref.path("status").asText())) {
      return;
    }
    Map<String, Map<String, JsonNode>> rows = new LinkedHashMap<>();
    for (JsonNode r : ref.path("rows")) {
      rows.computeIfAbsent(r.path("library").asText() + "/" + r.path("stage").asText(), k -> new LinkedHashMap<>()).put(r.path("workload").asText(), r);
    }
    for (Map.Entry<String, Map<String, JsonNode>> e : rows.entrySet()) {
      List<String> row = new ArrayList<>(List.of("tutorial: " + e.getKey()));
      for (String w : stepWorkloads) {
        JsonNode r = e.getValue().get(w);
        if (r == null) {
          row.add("not run");
          continue;
        }
        double rate = r.path("stepsPerSecond").asDouble();
        row.add(Markdown.duration(1 / rate) + " ± " + Markdown.percent(r.path("stdev").asDouble() / rate) + " sd");
      }
      t.row(row.toArray());
    }
  }

  private String referenceNote() {
    JsonNode ref = run.reference();
    if (ref == null) {
      return "Tutorial reference rows: not run (no " + TutorialReference.FILE + " in this run).";
    }
    if (!"complete".equals(ref.path("status").asText())) {
      return "Tutorial reference rows: not run: " + ref.path("reason").asText(TutorialReference.NOT_FOUND) + ".";
    }
    return String.format(Locale.ROOT, "`tutorial:` rows are the tutorial's own loops timed in Python %s (numpy %s, PyTorch %s, %d thread), "
        + "not by JMH: ± is one standard deviation of %s.", ref.path("python").asText(), ref.path("numpy").asText(), ref.path("torch").asText(),
        ref.path("threads").asInt(), ref.path("quick").asBoolean() ? "2 short samples" : "5 samples");
  }

  // ------------------------------------------------------------------ throughput

  private void throughput(StringBuilder md) {
    md.append("## Throughput by workload\n\n");
    md.append("Steps and samples per second; `× fastest` and `× plain-simd` compare time per step with the fastest cell and with "
        + "`plain-simd`, one fused SIMD pass on one core: the floor with one feature (with 64, a BLAS matrix–vector product can beat it). Heap is JMH's `gc.alloc.rate.norm`; RSS is the benchmark JVM's resident "
        + "memory after the iterations (off-heap: outside the Java heap, where ND4J and PyTorch keep their arrays).\n\n");
    for (String w : stepWorkloads) {
      md.append("### `").append(w).append("` (N = ").append(String.format(Locale.ROOT, "%,d", sizes.getOrDefault(w, 0))).append(")\n\n");
      Markdown.Table t = new Markdown.Table("cell", "device", ">steps/s", ">± error", ">ns/sample", ">× fastest", ">× plain-simd", ">heap/step", ">RSS", ">off-heap RSS");
      double fastest = Double.NaN;
      for (String c : cells) {
        double s = secondsPerStep(c, w);
        if (Double.isFinite(s) && !(s >= fastest)) {
          fastest = s;
        }
      }
      double floor = secondsPerStep(FLOOR, w);
      List<String> sorted = new ArrayList<>(cells);
      sorted.sort(Comparator.comparingDouble((String c) -> {
        double s = secondsPerStep(c, w);
        return Double.isFinite(s) ? s : Double.MAX_VALUE;
      }));
      for (String c : sorted) {
        JmhResults.Result r = stepResult(c, w);
        if (r == null) {
          t.row("`" + c + "`", run.device(), missing(c, w));
          continue;
        }
        double s = 1 / r.primary().score();
        t.row("`" + c + "`", r.params().getOrDefault("device", run.device()), Markdown.rate(r.primary().score()), Markdown.percent(r.primary().relativeError()),
            Markdown.sig(s * 1e9 / sizes.getOrDefault(w, 1)), Markdown.times(s / fastest), Markdown.times(s / floor),
            secondary(r, "gc.alloc.rate.norm", 1, "B"), secondary(r, "rss", 1024 * 1024, "B"), secondary(r, "rss.offheap", 1024 * 1024, "B"));
      }
      md.append(t.render()).append('\n');
    }
  }

  /** A secondary metric as bytes ("B") or plain, scaled from its unit. */
  private static String secondary(JmhResults.Result r, String name, double scale, String kind) {
    JmhResults.Metric m = r.secondary().get(name);
    if (m == null) {
      return "-";
    }
    return "B".equals(kind) ? Markdown.bytes(m.score() * scale) : Markdown.sig(m.score() * scale);
  }

  // ------------------------------------------------------------------ abstraction tax

  private void abstractionTax(StringBuilder md) {
    md.append("## Abstraction tax\n\n");
    md.append("Time per step of each stage relative to the same backend's `manual` stage (its first, `tuned`, variant): what letting "
        + "the library compute the gradient (`autograd`), own the loss and optimizer (`loss-optimizer`) or the whole model and loop "
        + "(`full-library`) costs. Then `idiomatic` (the obvious code, a new array per operation) against `tuned`.\n\n");
    List<String> columns = new ArrayList<>(List.of("backend", "stage"));
    for (String w : stepWorkloads) {
      columns.add(">" + w);
    }
    Markdown.Table tax = new Markdown.Table(columns.toArray(String[]::new));
    Markdown.Table idiom = new Markdown.Table(columns.toArray(String[]::new));
    for (Map.Entry<String, List<String>> e : cellsByBackend().entrySet()) {
      String manual = e.getValue().stream().filter(c -> c.contains("/manual")).findFirst().orElse(null);
      if (manual == null) {
        continue;
      }
      for (String c : e.getValue()) {
        if (c.contains("/manual")) {
          if (c.endsWith("/idiomatic")) {
            idiom.row(ratioRow(e.getKey(), "idiomatic ÷ tuned", c, manual));
          }
          continue;
        }
        tax.row(ratioRow(e.getKey(), c.substring(c.indexOf('/') + 1), c, manual));
      }
    }
    md.append(tax.isEmpty() ? "No backend in this run serves a stage beyond `manual`.\n" : tax.render()).append('\n');
    if (!idiom.isEmpty()) {
      md.append(idiom.render()).append('\n');
    }
    for (String backend : Charts.taxGroups(run).keySet()) {
      md.append("![abstraction tax, ").append(backend).append("](").append(Charts.taxChartName(backend)).append(")\n\n");
    }
  }

  private Object[] ratioRow(String backend, String label, String cell, String base) {
    List<String> row = new ArrayList<>(List.of(backend, label));
    for (String w : stepWorkloads) {
      row.add(Markdown.times(secondsPerStep(cell, w) / secondsPerStep(base, w)));
    }
    return row.toArray();
  }

  private Map<String, List<String>> cellsByBackend() {
    Map<String, List<String>> map = new LinkedHashMap<>();
    for (String c : cells) {
      map.computeIfAbsent(c.substring(0, c.indexOf('/')), k -> new ArrayList<>()).add(c);
    }
    return map;
  }

  // ------------------------------------------------------------------ crossovers

  private void crossovers(StringBuilder md) {
    List<String> byN = new ArrayList<>();
    for (String w : stepWorkloads) {
      if (run.env().path("workloads").path(w).path("d").asInt() == 1) {
        byN.add(w);
      }
    }
    byN.sort(Comparator.comparingInt(w -> sizes.getOrDefault(w, 0)));
    md.append("## Crossovers\n\n");
    md.append("From which N a cell's step is faster than plain Java's, on the one-feature workloads (N = ");
    md.append(String.join(", ", byN.stream().map(w -> String.format(Locale.ROOT, "%,d", sizes.get(w))).toList()));
    md.append("): `plain` is the tutorial's loops, `plain-simd` the fused SIMD pass.\n\n");
    Markdown.Table t = new Markdown.Table("cell", "overtakes plain", "overtakes plain-simd");
    for (String c : cells) {
      if (c.startsWith("plain")) {
        continue;
      }
      t.row("`" + c + "`", crossover(c, PLAIN, byN), crossover(c, FLOOR, byN));
    }
    md.append(t.isEmpty() ? "Only plain Java cells in this run.\n" : t.render()).append('\n');
  }

  private String crossover(String cell, String base, List<String> byN) {
    List<Boolean> faster = new ArrayList<>();
    for (String w : byN) {
      double a = secondsPerStep(cell, w);
      double b = secondsPerStep(base, w);
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
          where.add(String.format(Locale.ROOT, "%,d", sizes.get(byN.get(i))));
        }
      }
      return "not at the largest N (faster only at N = " + String.join(", ", where) + ")";
    }
    return String.format(Locale.ROOT, "from N = %,d (slower at %,d)", sizes.get(byN.get(from)), sizes.get(byN.get(from - 1)));
  }

  // ------------------------------------------------------------------ convergence

  private void convergence(StringBuilder md) {
    md.append("## Convergence\n\n");
    ConvergenceData data = run.convergence();
    if (data == null) {
      md.append("Not run: no convergence.json in this run (`gdbench converge --run ").append("RUN_FOLDER`).\n\n");
      return;
    }
    md.append("Every cell trains the same model from the same start. Loss after k epochs is the loss of the parameters after k "
        + "updates; the target is an excess loss over the closed-form optimum of at most 1% of the initial excess; time to target "
        + "is the best of repeated timings of that many steps in one process (not JMH); deviation is the largest difference in "
        + "any parameter from `plain`'s trajectory, relative to its largest parameter.\n\n");
    for (ConvergenceData.ProblemInfo p : data.problems()) {
      md.append("### `").append(p.name()).append("`: ").append(p.about()).append("\n\n");
      md.append(String.format(Locale.ROOT, "Data `%s` (N = %,d, D = %d%s), %s rule, lr %s, %d epochs. Optimum: loss %s%s.%n%n",
          p.data(), p.n(), p.d(), p.bias() ? ", bias" : "", p.gradient(), Markdown.sig(p.lr()), p.epochs(), Markdown.sci(p.optimumLoss()),
          p.d() == 1 ? ", w = " + Markdown.sig(p.optimumWeights()[0]) + (p.bias() ? ", b = " + Markdown.sig(p.optimumBias()) : "") : ""));
      Markdown.Table t = new Markdown.Table("cell", "status", ">loss @1", ">loss @10", ">loss @100", ">epochs to target", ">time to target",
          ">distance to optimum", ">deviation from plain");
      for (ConvergenceData.Run r : data.runs()) {
        if (!r.problem().equals(p.name())) {
          continue;
        }
        String status = "failed".equals(r.status()) ? "failed: " + r.error()
            : r.divergedAtEpoch() != null ? "diverged at epoch " + r.divergedAtEpoch() : r.status();
        t.row("`" + r.cell() + "`", status, lossAfter(r, p, 1), lossAfter(r, p, 10), lossAfter(r, p, 100),
            r.epochsToTarget() == null ? "not reached" : r.epochsToTarget(),
            r.msToTarget() == null ? "-" : Markdown.duration(r.msToTarget() / 1000), Markdown.sci(r.distanceToOptimum()),
            r.cell().equals(PLAIN) ? "(reference)" : Markdown.sci(r.maxDeviationFromPlain()));
      }
      md.append(t.render()).append('\n');
      md.append("![loss per epoch, ").append(p.name()).append("](loss-").append(p.name()).append(".png)\n\n");
    }
  }

  /** The loss after k updates: the loss before update k + 1, or the final loss after the last epoch. */
  private static String lossAfter(ConvergenceData.Run r, ConvergenceData.ProblemInfo p, int k) {
    if (k > p.epochs()) {
      return "-";
    }
    if (r.divergedAtEpoch() != null && k + 1 >= r.divergedAtEpoch()) {
      return "diverged";
    }
    if (k < r.losses().length) {
      return Markdown.sci((double) r.losses()[k]);
    }
    return k == p.epochs() ? Markdown.sci(r.finalLoss()) : "-";
  }

  // ------------------------------------------------------------------ time to target, cold start, memory

  private void timeToTarget(StringBuilder md) {
    List<JmhResults.Result> results = run.resultsOf("target");
    md.append("## Time to target (JMH)\n\n");
    JsonNode cfg = run.env().path("jmh").path("benchmarks").path("target");
    if (results.isEmpty()) {
      md.append("Not measured in this run.\n\n");
      return;
    }
    // Runs before the "runs" counter timed one training run per iteration (single shot).
    boolean averaged = results.stream().anyMatch(r -> r.secondary().containsKey("runs"));
    md.append(String.format(Locale.ROOT, "From zero weights until the excess loss is at most %s of the initial excess (limit %d epochs); %s%n%n",
        Markdown.percent(cfg.path("targetFraction").asDouble(0.01)), cfg.path("epochLimit").asInt(),
        averaged ? "the average over repeated runs of compiled code, each starting with the reset to zero weights."
            : "single-shot runs of compiled code."));
    Markdown.Table t = new Markdown.Table("cell", "workload", ">time", ">± error", ">epochs", ">runs reaching the target");
    for (JmhResults.Result r : sortByCellAndWorkload(results)) {
      t.row("`" + r.param("cell") + "`", r.param("workload"), Markdown.duration(seconds(r.primary().score(), r.primary().unit())),
          Markdown.percent(r.primary().relativeError()), Markdown.sig(perRun(r, "epochs")), Markdown.percent(perRun(r, "reached")));
    }
    md.append(t.render()).append('\n');
  }

  /** A counter per training run: its sum over the sum of runs, or per shot where each iteration was one run. */
  private static double perRun(JmhResults.Result r, String counter) {
    JmhResults.Metric m = r.secondary().get(counter);
    if (m == null) {
      return Double.NaN;
    }
    JmhResults.Metric runs = r.secondary().get("runs");
    return runs == null ? mean(m.raw()) : sum(m.raw()) / sum(runs.raw());
  }

  private static double sum(double[][] raw) {
    double sum = 0;
    for (double[] fork : raw) {
      for (double v : fork) {
        sum += v;
      }
    }
    return sum;
  }

  private static double mean(double[][] raw) {
    double sum = 0;
    int n = 0;
    for (double[] fork : raw) {
      for (double v : fork) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** A JMH time score in seconds. */
  static double seconds(double score, String unit) {
    return switch (unit) {
      case "ns/op" -> score * 1e-9;
      case "us/op" -> score * 1e-6;
      case "ms/op" -> score * 1e-3;
      case "s/op" -> score;
      default -> Double.NaN;
    };
  }

  private List<JmhResults.Result> sortByCellAndWorkload(List<JmhResults.Result> results) {
    List<JmhResults.Result> sorted = new ArrayList<>(results);
    sorted.sort(Comparator.comparingInt((JmhResults.Result r) -> cells.indexOf(r.param("cell")))
        .thenComparingInt(r -> stepWorkloadIndex(r.param("workload"))));
    return sorted;
  }

  private int stepWorkloadIndex(String w) {
    int i = new ArrayList<>(sizes.keySet()).indexOf(w);
    return i < 0 ? Integer.MAX_VALUE : i;
  }

  private void coldStart(StringBuilder md) {
    List<JmhResults.Result> results = run.resultsOf("cold");
    md.append("## Cold start (JMH)\n\n");
    if (results.isEmpty()) {
      md.append("Not measured in this run.\n\n");
      return;
    }
    md.append("A fresh JVM per measurement: building the first trainer (engine load, data conversion) and its first step.\n\n");
    Markdown.Table t = new Markdown.Table("cell", "workload", ">total", ">± error", ">build trainer", ">first step", ">RSS after");
    for (JmhResults.Result r : sortByCellAndWorkload(results)) {
      t.row("`" + r.param("cell") + "`", r.param("workload"), Markdown.duration(seconds(r.primary().score(), r.primary().unit())),
          Markdown.percent(r.primary().relativeError()), msMetric(r, "openMs"), msMetric(r, "firstStepMs"), secondary(r, "rss", 1024 * 1024, "B"));
    }
    md.append(t.render()).append('\n');
  }

  private void transfer(StringBuilder md) {
    List<JmhResults.Result> results = run.resultsOf("transfer");
    if (results.isEmpty()) {
      return; // measured on request on the CPU, by default on a GPU
    }
    md.append("## Data onto the device and first step (JMH)\n\n");
    md.append("Building a trainer on a warm engine (the data converted into the library's arrays: on a GPU, the host-to-device copy) "
        + "and its first step, whose loss comes back to the host. The step benchmarks above keep the data resident and leave this out.\n\n");
    Markdown.Table t = new Markdown.Table("cell", "workload", "device", ">time", ">± error", ">RSS after");
    for (JmhResults.Result r : sortByCellAndWorkload(results)) {
      t.row("`" + r.param("cell") + "`", r.param("workload"), r.param("device"), Markdown.duration(seconds(r.primary().score(), r.primary().unit())),
          Markdown.percent(r.primary().relativeError()), secondary(r, "rss", 1024 * 1024, "B"));
    }
    md.append(t.render()).append('\n');
  }

  private static String msMetric(JmhResults.Result r, String name) {
    JmhResults.Metric m = r.secondary().get(name);
    return m == null ? "-" : Markdown.duration(mean(m.raw()) / 1000);
  }

  private void memory(StringBuilder md) {
    md.append("## Memory per step\n\n");
    md.append("Heap bytes allocated per step (JMH `gc`) and resident memory growth per step (the project's profiler: "
        + "growth of the benchmark JVM's RSS over each iteration, divided by its steps; a native leak keeps it positive).\n\n");
    List<String> columns = new ArrayList<>(List.of("cell"));
    for (String w : stepWorkloads) {
      columns.add(">" + w + " heap");
      columns.add(">" + w + " RSS growth");
    }
    Markdown.Table t = new Markdown.Table(columns.toArray(String[]::new));
    for (String c : cells) {
      List<String> row = new ArrayList<>(List.of("`" + c + "`"));
      for (String w : stepWorkloads) {
        JmhResults.Result r = stepResult(c, w);
        row.add(r == null ? missing(c, w) : secondary(r, "gc.alloc.rate.norm", 1, "B"));
        row.add(r == null ? "" : secondary(r, "rss.growth.norm", 1, "B"));
      }
      t.row(row.toArray());
    }
    md.append(t.render()).append('\n');
  }

  // ------------------------------------------------------------------ what is missing

  private void problems(StringBuilder md) {
    md.append("## Not served, failed, noisy\n\n");
    Markdown.Table notServed = new Markdown.Table("backend", "stage", "reason");
    for (JsonNode b : run.env().path("backends")) {
      for (Iterator<Map.Entry<String, JsonNode>> it = b.path("stages").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> s = it.next();
        if (!s.getValue().path("served").asBoolean()) {
          notServed.row(b.path("name").asText(), s.getKey(), "n/a: " + s.getValue().path("reason").asText());
        }
      }
      if (!b.path("deviceUnsupported").isNull() && !b.path("deviceUnsupported").isMissingNode()) {
        notServed.row(b.path("name").asText(), "(device " + run.device() + ")", "skipped: " + b.path("deviceUnsupported").asText());
      }
    }
    md.append(notServed.isEmpty() ? "Every backend serves every stage.\n\n" : notServed.render() + "\n");
    Markdown.Table failed = new Markdown.Table("benchmark", "cell", "workload", "status", "reason");
    for (JsonNode p : run.env().path("plan")) {
      String status = p.path("status").asText();
      if (!status.equals("ok")) {
        failed.row(p.path("benchmark").asText(), "`" + p.path("cell").asText() + "`", p.path("workload").asText(), status,
            p.path("reason").asText("").lines().findFirst().orElse(""));
      }
    }
    md.append(failed.isEmpty() ? "No benchmark failed or was left out.\n\n" : failed.render() + "\n");
    Markdown.Table warnings = new Markdown.Table("benchmark", "cell", "workload", "warning");
    for (JsonNode w : run.env().path("warnings")) {
      warnings.row(w.path("benchmark").asText(), "`" + w.path("cell").asText() + "`", w.path("workload").asText(), w.path("message").asText());
    }
    if (!warnings.isEmpty()) {
      md.append("Warnings (results to read with care):\n\n").append(warnings.render()).append('\n');
    }
  }

  // ------------------------------------------------------------------ environment

  private void environment(StringBuilder md) {
    JsonNode env = run.env();
    JsonNode hw = env.path("hardware");
    md.append("## Environment\n\n");
    Markdown.Table t = new Markdown.Table("", "");
    t.row("CPU", hw.path("cpuModel").asText() + ", " + hw.path("logicalCores").asInt() + " logical / " + hw.path("physicalCores").asText("?") + " physical cores");
    List<String> isa = new ArrayList<>();
    hw.path("instructionSets").forEach(n -> isa.add(n.asText()));
    t.row("Instruction sets", String.join(", ", isa));
    List<String> caches = new ArrayList<>();
    hw.path("caches").fields().forEachRemaining(e -> caches.add(e.getKey() + " " + e.getValue().asText()));
    t.row("Caches", String.join(", ", caches));
    t.row("Memory", Markdown.bytes(hw.path("memoryBytes").asDouble(Double.NaN)));
    t.row("OS", env.path("os").path("distribution").asText("") + ", " + env.path("os").path("name").asText() + " " + env.path("os").path("version").asText()
        + " (" + env.path("os").path("arch").asText() + ")");
    t.row("JDK", env.path("jdk").path("vendor").asText() + " " + env.path("jdk").path("runtimeVersion").asText() + ", " + env.path("jdk").path("vmName").asText());
    t.row("Vector API", env.path("jdk").path("vectorSpecies").asText("-"));
    t.row("JMH", env.path("jmh").path("version").asText());
    t.row("Native flavour", run.device() + ", " + env.path("native").path("instructionSet").asText("?"));
    List<String> threadEnv = new ArrayList<>();
    env.path("threads").path("environment").fields().forEachRemaining(e -> threadEnv.add(e.getKey() + "=" + e.getValue().asText()));
    t.row("Threads", env.path("threads").path("threads").asInt() + " (" + String.join(", ", threadEnv) + ")");
    t.row("Commit", "`" + env.path("git").path("commit").asText() + "`" + (env.path("git").path("dirty").asBoolean() ? ", with uncommitted changes" : ", clean"));
    t.row("Run", env.path("startedAt").asText() + " to " + env.path("finishedAt").asText("(unfinished)"));
    md.append(t.render()).append('\n');

    md.append("### Libraries\n\n");
    Markdown.Table libs = new Markdown.Table("backend", "library versions", "thread settings", "what it runs");
    for (JsonNode b : env.path("backends")) {
      libs.row(b.path("name").asText(), mapText(b.path("versions")), mapText(b.path("threadSettings")), b.path("description").asText());
    }
    md.append(libs.render()).append('\n');
    List<String> natives = new ArrayList<>();
    env.path("native").path("artifacts").forEach(a -> natives.add("`" + a.asText() + "`"));
    if (!natives.isEmpty()) {
      md.append("Native artifacts on the classpath: ").append(String.join(", ", natives)).append(".\n\n");
    }
    md.append("### JMH settings\n\n");
    Markdown.Table jmh = new Markdown.Table("benchmark", "JMH method", "mode", ">forks", ">warmup", ">measurement", "profilers");
    for (Iterator<Map.Entry<String, JsonNode>> it = env.path("jmh").path("benchmarks").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode b = e.getValue();
      List<String> profilers = new ArrayList<>();
      b.path("profilers").forEach(p -> profilers.add(p.asText().substring(p.asText().lastIndexOf('.') + 1)));
      jmh.row(e.getKey(), "`" + b.path("benchmark").asText() + "`", b.path("mode").asText(), b.path("forks").asInt(),
          iterations(b.path("warmupIterations"), b.path("warmupTimeMs")), iterations(b.path("measurementIterations"), b.path("measurementTimeMs")),
          String.join(", ", profilers));
    }
    md.append(jmh.render()).append('\n');
    List<String> args = new ArrayList<>();
    env.path("jmh").path("jvmArgsAppend").forEach(a -> args.add(a.asText()));
    md.append("Benchmark JVM options appended: `").append(String.join(" ", args)).append("`.\n\n");
  }

  private static String iterations(JsonNode count, JsonNode ms) {
    return count.asInt() + (ms.isNumber() ? " × " + ms.asInt() + " ms" : " shots");
  }

  private static String mapText(JsonNode node) {
    List<String> parts = new ArrayList<>();
    new TreeMap<String, JsonNode>(toMap(node)).forEach((k, v) -> parts.add(k + " " + v.asText()));
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }

  private static Map<String, JsonNode> toMap(JsonNode node) {
    Map<String, JsonNode> map = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue()));
    return map;
  }

  // ------------------------------------------------------------------ reproduce

  private void reproduce(StringBuilder md) {
    md.append("## Reproduce\n\n");
    List<String> props = new ArrayList<>();
    run.env().path("settings").path("properties").fields().forEachRemaining(e -> {
      if (!e.getKey().equals("bench.basedir") && !e.getValue().asText().isEmpty()) {
        props.add("-D" + e.getKey() + "=" + e.getValue().asText());
      }
    });
    md.append("```\ngit checkout ").append(run.env().path("git").path("commit").asText("COMMIT")).append('\n');
    md.append("mvn verify -Pbench").append(props.isEmpty() ? "" : " " + String.join(" ", props)).append('\n');
    md.append("scripts/gdbench report results/").append(run.machine()).append('/').append(run.run()).append("   # re-render this page\n```\n\n");
    md.append("This page is generated by `gdbench report` from `env.json`, `jmh.json`, `convergence.json` and `")
        .append(TutorialReference.FILE).append("` in this folder; rendering it again gives the same text.\n");
  }
}
