package gdbench.bench;

import gdbench.core.GdbenchException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
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
  private RunProgress run;
  private EnvironmentCapture environment;
  private TeeOutput tee;
  private PrintStream out;

  BenchRun(Settings settings) {
    this.settings = settings;
    this.launcher = new JmhLauncher(settings);
  }

  /** The exit status: see {@link BenchMain}. */
  int run() throws IOException {
    Instant started = Instant.now();
    checkThreadEnvironment();
    JmhLauncher.checkBenchmarkList();
    BenchPlan plan = BenchPlan.of(settings);
    environment = EnvironmentCapture.capture(settings, launcher);
    run = new RunProgress(plan, RunFolder.create(settings.resultsRoot, environment.machine(), started), started);
    tee = new TeeOutput(new FileOutputStream(FileDescriptor.out), new FileOutputStream(run.folder.dir.resolve(RunFolder.LOG).toFile()));
    out = new PrintStream(tee, true, StandardCharsets.UTF_8);
    writeEnv();
    run.folder.writeJmh(run.results); // an empty array until the first result: the file always exists and parses
    Thread hook = new Thread(this::onShutdown, "gdbench-bench-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);

    long runnable = plan.count("pending");
    out.println("# gdbench: " + runnable + " benchmark runs (" + (settings.quick ? "quick" : "full") + " mode), writing " + run.folder.dir);
    OutputFormat format = OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL);
    int index = 0;
    for (PlanItem item : plan.items()) {
      if (!item.status.equals("pending")) {
        continue;
      }
      index++;
      synchronized (run.lock) {
        if (run.interrupted) {
          break;
        }
        item.status = "running";
      }
      out.printf(Locale.ROOT, "%n# gdbench [%d/%d, %s elapsed]: %s %s on %s%n", index, runnable,
          run.elapsed(), item.kind.id, item.cell, item.workload.id());
      writeEnv();
      runItem(item, format);
      writeEnv();
    }

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

  private void runItem(PlanItem item, OutputFormat format) {
    long t0 = System.nanoTime();
    tee.mark();
    JmhLauncher.Outcome outcome = launcher.launch(item, format, out);
    synchronized (run.lock) {
      item.seconds = (System.nanoTime() - t0) / 1e9;
      if (run.interrupted) {
        item.status = "not-run";
        item.reason = "the run was interrupted";
        return;
      }
      if (outcome.result() != null) {
        item.status = "ok";
        item.score = ResultChecks.score(outcome.result());
        run.results.add(outcome.result());
        run.warnings.addAll(ResultChecks.warnings(item, outcome.result()));
      } else {
        item.status = "failed";
        item.logTail = tee.tail(30);
        item.reason = FailureReasons.reason(outcome.error(), item.logTail);
      }
    }
    if (outcome.result() != null) {
      try {
        synchronized (run.lock) {
          run.folder.writeJmh(run.results);
        }
      } catch (IOException e) {
        out.println("# gdbench: cannot write jmh.json: " + e);
      }
    } else {
      out.println("# gdbench: FAILED " + item.kind.id + " " + item.cell + " on " + item.workload.id() + ": " + item.reason);
    }
  }

  private void writeEnv() {
    synchronized (run.lock) {
      try {
        run.folder.writeJson(RunFolder.ENV, environment.tree(run));
      } catch (IOException e) {
        System.err.println("gdbench: cannot write env.json: " + e);
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
