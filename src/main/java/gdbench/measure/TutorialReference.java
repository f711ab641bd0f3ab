package gdbench.measure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.GdbenchException;
import gdbench.core.JvmFlags;
import gdbench.core.Problem;
import gdbench.core.Workload;
import gdbench.runfolder.TutorialReferenceData;
import gdbench.stats.ForkInterval;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The tutorial's own numpy and PyTorch loops and an expert's, timed on the JVM's workloads by a
 * Python script of the project's ({@code tutorial_reference.py}, a resource of this package), when
 * a python3 with numpy and torch is found; otherwise the result says so, and the report shows "not
 * run". Entry point for the runner: {@link #measure(Options)}, which writes nothing into the run
 * folder itself ({@code RunFolderFiles.writeTutorialReference} does).
 *
 * <p>Like for like with the JMH cells: the data are the JVM's own values (each workload written
 * once as float32, read by numpy), the thread count is passed through, each row is repeated in
 * {@link Options#processes} fresh processes and summarised as the mean of the process means with a
 * Student t interval ({@link ForkInterval}), and each JVM cell is paired with the Python row that
 * does the same work the same way ({@link PythonPairs}). On {@code seed} it also times one trivial
 * element-wise op in numpy and torch and, through {@link Backend#elementwiseProbe}, in each JVM
 * library that offers one, every repetition in a fresh process on both sides ({@link PerOpProbe}).
 */
public final class TutorialReference {
  /** What the Python script prints per process. */
  static final String PROCESS_SCHEMA = "gdbench-tutorial-reference-process/2";
  private static final long PROCESS_TIMEOUT_MINUTES = 20;

  private TutorialReference() {}

  /**
   * What to measure and how often.
   *
   * @param workloads the workloads, in this order (the runner may call once per workload and
   *     {@link TutorialReferenceData#combine} the results)
   * @param threads the thread count of numpy's BLAS and torch, as {@code -Dbench.threads}
   * @param processes fresh Python processes per row (at least 2 for an interval; 5 by default)
   * @param quick shorter batches
   * @param perOp whether to time the per-op cost on {@code seed} as well
   * @param batchSeconds the shortest timed batch in the Python script; null for its default
   */
  public record Options(List<Workload> workloads, int threads, int processes, boolean quick, boolean perOp, Double batchSeconds) {
    public static final int DEFAULT_PROCESSES = 5;

    public Options {
      workloads = List.copyOf(workloads);
      if (threads < 1 || processes < 1) {
        throw new GdbenchException("reference: threads and processes must be at least 1 (got " + threads + ", " + processes + ")");
      }
    }

    /** Every workload, one thread, 5 processes, the per-op table. */
    public static Options defaults(boolean quick) {
      return new Options(List.of(Workload.values()), 1, DEFAULT_PROCESSES, quick, true, null);
    }

    public Options withWorkloads(List<Workload> w) {
      return new Options(w, threads, processes, quick, perOp, batchSeconds);
    }

    public Options withThreads(int t) {
      return new Options(workloads, t, processes, quick, perOp, batchSeconds);
    }

    public Options withProcesses(int p) {
      return new Options(workloads, threads, p, quick, perOp, batchSeconds);
    }

    public Options withPerOp(boolean on) {
      return new Options(workloads, threads, processes, quick, on, batchSeconds);
    }

    public Options withBatchSeconds(Double seconds) {
      return new Options(workloads, threads, processes, quick, perOp, seconds);
    }
  }

  /** Runs the reference timings with the defaults; the result is complete, or not run with the reason. */
  public static TutorialReferenceData measure(boolean quick) {
    return measure(Options.defaults(quick), candidates());
  }

  /** As {@link #measure(boolean)}, trying the given interpreters in order. */
  public static TutorialReferenceData measure(boolean quick, List<String> candidates) {
    return measure(Options.defaults(quick), candidates);
  }

  /** The runner's entry point: interpreters from {@code GDBENCH_PYTHON}, then python3 on the path, then /usr/bin/python3. */
  public static TutorialReferenceData measure(Options options) {
    return measure(options, candidates());
  }

  public static TutorialReferenceData measure(Options options, List<String> candidates) {
    String python = candidates.stream().filter(TutorialReference::hasNumpyAndTorch).findFirst().orElse(null);
    if (python == null) {
      return TutorialReferenceData.notRun(TutorialReferenceData.PYTHON_NOT_FOUND + " (tried " + String.join(", ", candidates)
          + "; set GDBENCH_PYTHON to choose one)");
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("gdbench-reference");
      Path script = extractScript(dir);
      for (Workload w : options.workloads()) {
        writeData(dir, w);
      }
      String started = Instant.now().toString();
      TutorialReferenceData result = run(python, script, dir, options);
      return result.withTimes(started, Instant.now().toString());
    } catch (IOException e) {
      throw new GdbenchException("the tutorial's reference timings failed: " + e.getMessage());
    } finally {
      deleteTree(dir);
    }
  }

  private static TutorialReferenceData run(String python, Path script, Path dir, Options o) throws IOException {
    PrintStream log = System.err;
    List<JsonNode> steps = new ArrayList<>();
    List<JsonNode> pythonPerOp = new ArrayList<>();
    Map<String, List<JsonNode>> jvmPerOp = new LinkedHashMap<>();
    List<Backend> probed = new ArrayList<>(o.perOp() ? Backends.all() : List.of());
    for (int p = 0; p < o.processes(); p++) {
      log.printf(Locale.ROOT, "reference: process %d of %d%n", p + 1, o.processes());
      if (!o.workloads().isEmpty()) {
        steps.add(python(python, script, stepsArguments(dir, o, p), o.threads()));
      }
      // The per-op repetitions alternate with the step processes and between the two sides, so
      // that a slow minute of a shared host lands on all of them alike.
      if (o.perOp()) {
        pythonPerOp.add(python(python, script, perOpArguments(o), 1));
        for (Backend b : List.copyOf(probed)) {
          JsonNode r = jvmProbe(b, o.quick());
          if (r == null || r.path("unsupported").asBoolean() || r.has("error")) {
            probed.remove(b); // no probe, or its library cannot load: asked once
            if (r != null && r.has("error")) {
              log.println("reference: no per-op figure for " + b.name() + ": " + r.get("error").asText());
            }
            continue;
          }
          jvmPerOp.computeIfAbsent(b.name(), k -> new ArrayList<>()).add(r);
        }
      }
    }
    if (steps.isEmpty() && pythonPerOp.isEmpty()) {
      throw new GdbenchException("reference: nothing to measure (no workload, and the per-op table is off)");
    }
    JsonNode first = steps.isEmpty() ? pythonPerOp.get(0) : steps.get(0);
    List<TutorialReferenceData.Row> rows = steps.isEmpty() ? List.of() : rows(steps, o.workloads());
    Set<String> rowIds = new LinkedHashSet<>();
    rows.forEach(r -> rowIds.add(r.id()));
    double batchSeconds = first.path("sampleSeconds").asDouble(Double.NaN);
    int batches = first.path("samples").asInt(0);
    TutorialReferenceData.Statistic statistic = new TutorialReferenceData.Statistic(
        "mean of the process means (steps per second), ± the Student t interval over them", ForkInterval.CONFIDENCE, o.processes(),
        batches, batchSeconds);
    return new TutorialReferenceData(TutorialReferenceData.SCHEMA, TutorialReferenceData.COMPLETE, null, first.path("python").asText(null),
        first.path("numpy").asText(null), first.path("torch").asText(null), o.threads(), o.quick(), rows, python, statistic,
        "the JVM's gdbench.core.Workload data, written once as float32 little-endian and read with numpy.fromfile", variants(),
        strings(first.get("environment")), kernelEnvironment(System.getenv()), first.get("kernels"),
        PythonPairs.of(Backends.cells(), rowIds), o.perOp() ? perOp(pythonPerOp, jvmPerOp, o) : null, null, null);
  }

  private static Map<String, String> variants() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(TutorialReferenceData.TUTORIAL, "the tutorial's code: a new array per op, w * x with one feature (X @ w beyond), "
        + "the loss and gradient written as the tutorial writes them; autograd, MSELoss + SGD, nn.Linear for the later stages");
    m.put(TutorialReferenceData.TUNED, "an expert's manual step: the residual in one preallocated array, in-place ops (numpy out=, "
        + "torch in-place under no_grad); with one feature the loss and gradient as element-wise products and sums (pairwise in "
        + "numpy, as DJL's tuned cell in torch), beyond as a matrix-vector product and dot products (as the JVM's tuned cells)");
    return m;
  }

  private static List<String> stepsArguments(Path dir, Options o, int process) {
    List<String> args = new ArrayList<>(List.of("steps", "--threads", Integer.toString(o.threads()), "--rotate",
        Integer.toString(process), "--data", dir.toString()));
    if (o.quick()) {
      args.add("--quick");
    }
    if (o.batchSeconds() != null) {
      args.addAll(List.of("--seconds", Double.toString(o.batchSeconds())));
    }
    for (Workload w : o.workloads()) {
      // On huge the JVM measures each library's fastest (tuned) cell only, so only their like is
      // timed; the tutorial's torch code there also drifts from numpy's by more than the check
      // allows (nn.Linear's float32 BLAS sums over 2^24 values on the reference BLAS).
      String only = w == Workload.HUGE ? ":" + TutorialReferenceData.TUNED : "";
      args.add(w.id() + ":" + w.n() + ":" + w.d() + ":" + (w.bias() ? 1 : 0) + ":" + w.lr() + only);
    }
    return args;
  }

  private static List<String> perOpArguments(Options o) {
    List<String> args = new ArrayList<>(List.of("perop", "--threads", "1", "--n", Integer.toString(Workload.SEED.n())));
    if (o.quick()) {
      args.add("--quick");
    }
    return args;
  }

  /** One row per library, stage, variant and workload, in the workloads' order and the script's. */
  static List<TutorialReferenceData.Row> rows(List<JsonNode> processes, List<Workload> workloads) {
    Map<String, List<JsonNode>> byKey = new LinkedHashMap<>();
    for (JsonNode process : processes) {
      for (JsonNode r : process.path("rows")) {
        byKey.computeIfAbsent(r.path("workload").asText() + "|" + id(r), k -> new ArrayList<>()).add(r);
      }
    }
    List<String> order = workloads.stream().map(Workload::id).toList();
    List<String> scriptOrder = new ArrayList<>();
    processes.get(0).path("rows").forEach(r -> scriptOrder.add(id(r)));
    List<TutorialReferenceData.Row> rows = new ArrayList<>();
    byKey.entrySet().stream()
        .sorted(Comparator.comparingInt((Map.Entry<String, List<JsonNode>> e) -> order.indexOf(e.getValue().get(0).path("workload").asText()))
            .thenComparingInt(e -> scriptOrder.indexOf(id(e.getValue().get(0)))))
        .forEach(e -> rows.add(row(e.getValue())));
    return rows;
  }

  private static String id(JsonNode r) {
    return r.path("library").asText() + "/" + r.path("stage").asText() + "/" + r.path("variant").asText();
  }

  private static TutorialReferenceData.Row row(List<JsonNode> repetitions) {
    JsonNode r0 = repetitions.get(0);
    double[] means = new double[repetitions.size()];
    double[][] batches = new double[repetitions.size()][];
    double[] faults = new double[repetitions.size()];
    for (int i = 0; i < means.length; i++) {
      batches[i] = doubles(repetitions.get(i).path("batches"));
      means[i] = Arrays.stream(batches[i]).average().orElse(Double.NaN);
      faults[i] = repetitions.get(i).path("minorFaultsPerStep").asDouble(Double.NaN);
    }
    ForkInterval spread = ForkInterval.of(means);
    double sd = spread.hasInterval() ? spread.cv() * spread.mean() : 0;
    return new TutorialReferenceData.Row(r0.path("library").asText(), r0.path("stage").asText(), r0.path("variant").asText(),
        r0.path("workload").asText(), r0.path("n").asInt(), r0.path("d").asInt(), spread.mean(), sd, null, means, batches,
        Arrays.stream(faults).allMatch(Double::isFinite) ? faults : null);
  }

  static TutorialReferenceData.PerOp perOp(List<JsonNode> python, Map<String, List<JsonNode>> jvm, Options o) {
    List<TutorialReferenceData.PerOpRow> rows = new ArrayList<>();
    Map<String, List<JsonNode>> byOp = new LinkedHashMap<>();
    for (JsonNode process : python) {
      for (JsonNode r : process.path("perOp")) {
        byOp.computeIfAbsent(r.path("library").asText() + "|" + r.path("op").asText(), k -> new ArrayList<>()).add(r);
      }
    }
    byOp.values().forEach(list -> rows.add(perOpRow("python", list.get(0).path("library").asText(), list.get(0).path("op").asText(), list)));
    jvm.forEach((backend, processes) -> {
      Map<String, List<JsonNode>> ops = new LinkedHashMap<>();
      for (JsonNode process : processes) {
        for (JsonNode r : process.path("ops")) {
          ops.computeIfAbsent(r.path("op").asText(), k -> new ArrayList<>()).add(r);
        }
      }
      ops.forEach((op, list) -> rows.add(perOpRow("jvm", backend, op, list)));
    });
    PerOpTiming t = o.quick() ? PerOpTiming.QUICK : PerOpTiming.FULL;
    String rule = String.format(Locale.ROOT, "batches of at least %.0f ms; warm-up at least %.1f s, then until five batches agree "
        + "within 5%% (at most %.1f s); the median of %d timed batches per process; the mean over processes",
        t.batchSeconds() * 1e3, t.minWarmupSeconds(), t.warmupCapSeconds(), t.timedBatches());
    return new TutorialReferenceData.PerOp(Workload.SEED.id(), Workload.SEED.n(), rule, o.processes(), rows);
  }

  private static TutorialReferenceData.PerOpRow perOpRow(String side, String library, String op, List<JsonNode> processes) {
    double[] medians = processes.stream().mapToDouble(r -> r.path("median").asDouble()).toArray();
    int steady = (int) processes.stream().filter(r -> r.path("steady").asBoolean()).count();
    return new TutorialReferenceData.PerOpRow(side, library, op, Arrays.stream(medians).average().orElse(Double.NaN), medians, steady);
  }

  // ------------------------------------------------------------------ processes

  private static JsonNode python(String python, Path script, List<String> args, int threads) throws IOException {
    List<String> command = new ArrayList<>(List.of(python, script.toString()));
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
    for (String var : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")) {
      pb.environment().put(var, Integer.toString(threads));
    }
    pb.environment().remove("OPENBLAS_VERBOSE"); // set for the benchmark forks' record; numpy would print it here
    byte[] out = runProcess(pb, "the tutorial's reference timings failed (" + python + " " + script.getFileName() + " " + args.get(0) + ")");
    JsonNode node = new ObjectMapper().readTree(out);
    String schema = node == null ? null : node.path("schema").asText(null);
    if (!PROCESS_SCHEMA.equals(schema)) {
      // a script and a reader out of step must not write a file
      throw new GdbenchException("the tutorial's reference script wrote schema '" + schema + "', expected " + PROCESS_SCHEMA);
    }
    return node;
  }

  /** One fresh JVM timing one backend's probe; null when it printed no result. */
  static JsonNode jvmProbe(Backend backend, boolean quick) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(JvmFlags.required());
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), PerOpProbe.class.getName(), backend.name(),
        Integer.toString(Workload.SEED.n()), Boolean.toString(quick)));
    ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    pb.environment().put("OMP_NUM_THREADS", "1");
    for (String var : backend.threadEnvironment()) {
      pb.environment().put(var, "1");
    }
    String out = new String(runProcess(pb, "the per-op probe of " + backend.name() + " failed"), StandardCharsets.UTF_8);
    for (String line : out.split("\n")) {
      if (line.startsWith(PerOpProbe.MARK)) {
        return new ObjectMapper().readTree(line.substring(PerOpProbe.MARK.length()));
      }
    }
    return null;
  }

  private static byte[] runProcess(ProcessBuilder pb, String failure) throws IOException {
    Process process = pb.start();
    try (InputStream in = process.getInputStream()) {
      byte[] out = in.readAllBytes();
      if (!process.waitFor(PROCESS_TIMEOUT_MINUTES, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new GdbenchException(failure);
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new GdbenchException("interrupted while timing the tutorial's reference code");
    }
  }

  static List<String> candidates() {
    Set<String> set = new LinkedHashSet<>();
    String chosen = System.getenv("GDBENCH_PYTHON");
    if (chosen != null && !chosen.isBlank()) {
      set.add(chosen);
    }
    set.add("python3");
    set.add("/usr/bin/python3");
    return new ArrayList<>(set);
  }

  private static boolean hasNumpyAndTorch(String python) {
    try {
      Process p = new ProcessBuilder(python, "-c", "import numpy, torch").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(2, TimeUnit.MINUTES) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  // ------------------------------------------------------------------ files

  private static Path extractScript(Path dir) throws IOException {
    try (InputStream in = TutorialReference.class.getResourceAsStream("tutorial_reference.py")) {
      if (in == null) {
        throw new GdbenchException("the reference script is missing from the class path");
      }
      Path script = dir.resolve("tutorial_reference.py");
      Files.write(script, in.readAllBytes());
      return script;
    }
  }

  /**
   * The workload's X (row-major) and y as float32 little-endian, {@code ID.x.f32} and
   * {@code ID.y.f32}: the same values the JMH cells train on, whatever numpy's generator would give.
   */
  static void writeData(Path dir, Workload w) throws IOException {
    Problem p = w.problem();
    writeFloats(dir.resolve(w.id() + ".x.f32"), p.x());
    writeFloats(dir.resolve(w.id() + ".y.f32"), p.y());
  }

  private static void writeFloats(Path file, float[] values) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
      for (float v : values) {
        if (!buf.hasRemaining()) {
          out.write(buf.array(), 0, buf.position());
          buf.clear();
        }
        buf.putFloat(v);
      }
      out.write(buf.array(), 0, buf.position());
    }
  }

  /** Prefixes of the variables that change native kernels or their threads, as the script records them. */
  static final List<String> KERNEL_PREFIXES = List.of("OPENBLAS_", "MKL_", "OMP_", "GOMP_", "KMP_", "BLIS_", "ATEN_", "DNNL_",
      "ONEDNN_", "MALLOC_", "GLIBC_TUNABLES");

  /** The kernel variables of this JVM's environment: what the run had before the reference set its thread counts. */
  static Map<String, String> kernelEnvironment(Map<String, String> env) {
    Map<String, String> m = new TreeMap<>();
    env.forEach((k, v) -> {
      if (KERNEL_PREFIXES.stream().anyMatch(k::startsWith)) {
        m.put(k, v);
      }
    });
    return m;
  }

  private static Map<String, String> strings(JsonNode node) {
    if (node == null || !node.isObject()) {
      return null;
    }
    Map<String, String> m = new TreeMap<>();
    node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
    return m;
  }

  private static double[] doubles(JsonNode array) {
    double[] v = new double[array.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = array.get(i).asDouble();
    }
    return v;
  }

  private static void deleteTree(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> {
        try {
          Files.deleteIfExists(f);
        } catch (IOException ignored) {
          // a temporary file; nothing depends on it
        }
      });
    } catch (IOException ignored) {
      // as above
    }
  }
}
