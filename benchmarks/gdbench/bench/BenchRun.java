package gdbench.bench;

import gdbench.core.GdbenchException;
import gdbench.runfolder.BenchmarkKind;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import gdbench.runfolder.RunFolderFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.results.RunResult;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * One run of the plan: a new run folder, each item as its own JMH run, env.json rewritten around
 * every item and jmh.json after every success, so an interrupted run leaves a readable folder.
 * Ctrl-C or kill marks the run incomplete and stops the JMH fork in flight.
 */
final class BenchRun {
  private final Settings settings;
  private final JmhLauncher launcher;
  private final ForkSchedule schedule;
  private RunProgress run;
  private EnvironmentCapture environment;
  private TeeOutput tee;
  private PrintStream out;

  BenchRun(Settings settings) {
    this.settings = settings;
    this.launcher = new JmhLauncher(settings);
    this.schedule = new ForkSchedule(settings);
  }

  /** The exit status: see {@link BenchMain}. */
  int run() throws IOException {
    Instant started = Instant.now();
    checkThreadEnvironment();
    JmhLauncher.checkBenchmarkList();
    BenchPlan plan = BenchPlan.of(settings);
    environment = EnvironmentCapture.capture(settings, launcher);
    run = new RunProgress(plan, RunFolder.create(settings.resultsRoot, environment.machine(), started), started);
    tee = new TeeOutput(new FileOutputStream(FileDescriptor.out), new FileOutputStream(run.folder.dir.resolve(RunFolderFiles.JMH_LOG).toFile()));
    out = new PrintStream(tee, true, StandardCharsets.UTF_8);
    writeEnv();
    run.folder.writeJmh(run.results.values()); // an empty array until the first result: the file always exists and parses
    Thread hook = new Thread(this::onShutdown, "gdbench-bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    out.println("# gdbench: " + plan.count("pending") + " results from " + plan.forks() + " forks (" + (settings.quick ? "quick" : "full")
        + " mode), forks interleaved across results; expected length about " + RunProgress.clock(schedule.expectedSeconds(plan))
        + "; writing " + run.folder.dir);
    OutputFormat format = OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL);
    Canary canary = new Canary();
    checkCanary(canary, "start");
    for (int pass = 1; !run.interrupted && plan.items().stream().anyMatch(PlanItem::needsForks); pass++) {
      double budget = settings.budgetMinutes * 60.0;
      double elapsed = java.time.Duration.between(run.started, java.time.Instant.now()).toSeconds();
      if (pass > 1 && budget > 0 && elapsed + schedule.passSeconds(plan, pass) > budget) {
        run.stoppedEarly = String.format(Locale.ROOT, "the time budget of %d min (-Dbench.budget.minutes) was reached after pass %d:"
            + " every result keeps the forks of the passes that ran", settings.budgetMinutes, pass - 1);
        out.println("# gdbench: " + run.stoppedEarly);
        break;
      }
      for (PlanItem item : schedule.pass(plan, pass)) {
        synchronized (run.lock) {
          if (run.interrupted) {
            break;
          }
          if (!item.needsForks()) {
            continue; // failed earlier in this pass
          }
          item.status = "running";
        }
        out.printf(Locale.ROOT, "%n# gdbench [fork %d/%d, %s elapsed, about %s left]: %s %s on %s, heap %s%s, fork %d of %d%n",
            run.forksDone + 1, schedule.totalForks(plan), run.elapsed(), RunProgress.clock(schedule.secondsLeft(plan)),
            item.kind.id(), item.cell, item.workload.id(), item.heap,
            item.threads == settings.threads ? "" : ", " + item.threads + " threads", item.forks.size() + 1, item.forksWanted);
        runFork(item, format);
        writeEnv();
      }
      if (pass == 1) {
        schedule.calibrate(plan, run, out);
      }
      checkCanary(canary, "after pass " + pass);
    }
    synchronized (run.lock) {
      for (PlanItem item : plan.items()) {
        if (item.status.equals("running") && !item.forks.isEmpty()) {
          item.status = "ok";
          item.analysis = ResultAnalysis.of(item);
          run.warnings.addAll(ResultChecks.warnings(item, item.merged()));
        }
      }
    }
    checkCanary(canary, "end");
    out.println("# gdbench: canary " + run.canarySummary());

    synchronized (run.lock) {
      run.finished = Instant.now();
      if (!run.interrupted) {
        run.status = "complete";
      }
    }
    writeEnv();
    Runtime.getRuntime().removeShutdownHook(hook);
    ConsoleSummary.print(out, run);
    out.flush();
    tee.close();

    long ok = run.count("ok");
    long failed = run.count("failed");
    if (!run.status.equals("complete") || (ok == 0 && failed > 0)) {
      return 1;
    }
    boolean postOk = PostSteps.run(settings, run.folder.dir);
    return (failed > 0 && settings.strict) || !postOk ? 1 : 0;
  }

  /**
   * OpenMP reads OMP_NUM_THREADS once, when a native library loads, and JMH's forks inherit this
   * JVM's environment: JMH has no option for a fork's environment, so whoever starts the runner sets it.
   */
  private void checkThreadEnvironment() {
    String omp = System.getenv("OMP_NUM_THREADS");
    if (!String.valueOf(settings.threads).equals(omp)) {
      throw new GdbenchException("OMP_NUM_THREADS is " + (omp == null ? "unset" : "'" + omp + "'") + " but -Dbench.threads is "
          + settings.threads + ": the benchmark JVMs inherit this JVM's environment, and OpenMP reads it when a native library loads."
          + " Run through scripts/bench or mvn verify -Pbench (they set it), or export OMP_NUM_THREADS=" + settings.threads);
    }
  }

  /** One fork of the item; a failed fork fails the item, which then runs no more forks. */
  private void runFork(PlanItem item, OutputFormat format) {
    long t0 = System.nanoTime();
    tee.mark();
    Path record = forkRecordFile();
    Path profile = settings.profile && item.kind == BenchmarkKind.STEP && item.forks.isEmpty()
        ? AsyncProfiling.folder(run.folder.dir, item, settings.threads) : null;
    JmhLauncher.Outcome outcome = launcher.launch(item, record, profile, format, out);
    try {
      AsyncProfiling.tidy(profile);
    } catch (GdbenchException e) {
      out.println("# gdbench: " + e.getMessage());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    synchronized (run.lock) {
      item.seconds = (item.seconds == null ? 0 : item.seconds) + seconds;
      schedule.observe(item, seconds);
      run.forksDone++;
      if (run.interrupted) {
        item.status = "not-run";
        item.reason = "the run was interrupted";
        return;
      }
      if (outcome.result() != null) {
        item.addFork(outcome.result(), readRecord(record, seconds, tee.openblasCores()));
        RunResult merged = item.merged();
        item.score = ResultChecks.score(merged);
        run.results.put(item, merged);
      } else {
        item.status = "failed";
        item.logTail = tee.tail(30);
        item.reason = FailureReasons.reason(outcome.error(), item.logTail);
        run.results.remove(item);
      }
    }
    if (outcome.result() != null) {
      try {
        synchronized (run.lock) {
          run.folder.writeJmh(run.results.values());
        }
      } catch (GdbenchException e) {
        out.println("# gdbench: cannot write jmh.json: " + e.getMessage());
      }
    } else {
      out.println("# gdbench: FAILED " + item.kind.id() + " " + item.cell + " on " + item.workload.id() + ": " + item.reason);
    }
  }

  private Path forkRecordFile() {
    try {
      Path f = Files.createTempFile("gdbench-fork", ".json");
      Files.delete(f); // the fork writes it; an absent file means the fork wrote nothing
      return f;
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * What the fork wrote about itself, with its wall time and the OpenBLAS kernel it reported
   * loading (its native kernel: a library cannot be asked through ND4J's presets); an empty record
   * where it wrote none.
   */
  static Map<String, Object> readRecord(Path record, double seconds, List<String> openblasCores) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (record != null && Files.exists(record)) {
      try {
        m.putAll(new ObjectMapper().readValue(record.toFile(), new TypeReference<Map<String, Object>>() {}));
        Files.deleteIfExists(record);
      } catch (IOException e) {
        m.put("error", "unreadable fork record: " + e.getMessage());
      }
    }
    m.put("wallSeconds", Math.round(seconds * 10) / 10.0);
    if (!openblasCores.isEmpty() && !m.containsKey("nativeKernel")) {
      m.put("nativeKernel", Map.of("OpenBLAS core", String.join(", ", openblasCores)));
    }
    return m;
  }

  private void checkCanary(Canary canary, String when) {
    double ns = canary.check();
    synchronized (run.lock) {
      run.canary.add(ns);
    }
    out.printf(Locale.ROOT, "# gdbench: canary %s: %.0f µs per pass%n", when, ns / 1e3);
  }

  private void writeEnv() {
    synchronized (run.lock) {
      try {
        run.folder.writeEnvironment(environment.tree(run));
      } catch (GdbenchException e) {
        System.err.println("gdbench: cannot write env.json: " + e.getMessage());
      }
    }
  }

  /** Ctrl-C or kill: the run stays incomplete; the JMH fork in flight is stopped. */
  private void onShutdown() {
    synchronized (run.lock) {
      if (run.finished != null) {
        return;
      }
      run.interrupted = true;
      run.finished = Instant.now();
      for (PlanItem i : run.plan.items()) {
        if (i.status.equals("running") || i.status.equals("pending")) {
          i.status = "not-run";
          i.reason = "the run was interrupted";
        }
      }
    }
    writeEnv();
    ProcessHandle.current().descendants().forEach(ProcessHandle::destroy);
    System.err.println("gdbench: interrupted; the run folder " + run.folder.dir + " is marked incomplete");
  }
}
