package gdbench.bench;

import gdbench.runfolder.BenchmarkKind;
import gdbench.bench.Settings.Timing;
import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.ClasspathNeed;
import gdbench.core.GdbenchException;
import gdbench.core.OwnClasspath;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.AsyncProfiler;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.profile.Profiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs one plan item as a JMH run of its own: every JMH option is set here, in {@link #options},
 * from the settings (the benchmark classes' annotations are only defaults for running JMH by hand).
 */
final class JmhLauncher {
  static final boolean FAIL_ON_ERROR = true;
  static final int TIMEOUT_MINUTES = 10;
  private static final Pattern LOCK_BUSY = Pattern.compile("Unable to acquire\\s+the JMH lock");

  /** A JMH run's result, or why there is none. */
  record Outcome(RunResult result, Throwable error) {}

  private final Settings settings;

  JmhLauncher(Settings settings) {
    this.settings = settings;
  }

  /** JMH finds benchmarks through the list its annotation processor writes at compile time. */
  static void checkBenchmarkList() {
    try {
      BenchmarkList.defaultList();
    } catch (RuntimeException e) {
      throw new GdbenchException("no JMH benchmark list on the classpath (" + GdbenchException.rootMessage(e)
          + "): the JMH annotation processor did not run; rebuild with mvn package");
    }
  }

  /**
   * Every option of one fork of an item: the benchmark, its parameters, timing, the fork's JVM
   * options (its heap, where it writes its record), profilers. One fork per JMH run: the runner
   * interleaves the forks of all items. A fork at another thread count than the runner's starts
   * through {@link ForkThreads}; with {@code profile}, it runs under async-profiler writing there.
   */
  Options options(PlanItem item, Path forkRecord, Path profile) {
    Timing t = settings.timing.get(item.kind);
    List<String> jvmArgs = new ArrayList<>(settings.forkJvmArgs(item.heap));
    if (forkRecord != null) {
      jvmArgs.add("-Dbench.fork.record=" + forkRecord);
    }
    String own = ownClasspathBackend(item);
    if (own != null) {
      jvmArgs.add("-D" + OwnClasspath.PROPERTY + "=" + own);
    }
    ChainedOptionsBuilder b = new OptionsBuilder()
        .include("^" + Pattern.quote(item.kind.jmhMethod()) + "$")
        .param("workload", item.workload.id())
        .param("threads", String.valueOf(item.threads))
        .param("device", settings.device.id())
        .param("heap", item.heap)
        .forks(1)
        .warmupIterations(t.warmupIterations())
        .measurementIterations(t.measurementIterations())
        .jvmArgsAppend(jvmArgs.toArray(new String[0]))
        .shouldFailOnError(FAIL_ON_ERROR)
        .timeout(TimeValue.minutes(TIMEOUT_MINUTES));
    if (item.kind != BenchmarkKind.FLOOR) {
      b.param("cell", item.cell);
    }
    if (t.warmupMillis() > 0) {
      b.warmupTime(TimeValue.milliseconds(t.warmupMillis()));
    }
    if (item.iterationMs > 0) {
      b.measurementTime(TimeValue.milliseconds(item.iterationMs));
    }
    for (Class<? extends Profiler> p : profilers(item.kind)) {
      b.addProfiler(p);
    }
    if (profile != null) {
      b.addProfiler(AsyncProfiler.class, AsyncProfiling.options(profile));
    }
    if (item.threads != settings.threads) {
      b.jvm(ForkThreads.launcher(item.threads).toString());
    }
    return b.build();
  }

  /**
   * JMH starts profilers in this order before an iteration and stops them in reverse after it: the
   * gc profiler comes last, so that its allocation count leaves out what the others allocate
   * (the rss profiler reads /proc/self/smaps after every iteration).
   */
  List<Class<? extends Profiler>> profilers(BenchmarkKind kind) {
    List<Class<? extends Profiler>> list = new ArrayList<>();
    if (settings.profilers.contains("rss")) {
      list.add(ResidentMemoryProfiler.class);
    }
    if (kind == BenchmarkKind.STEP || kind == BenchmarkKind.FLOOR) {
      list.add(SamplesProfiler.class);
      list.add(CompilationProfiler.class);
    }
    if (settings.profilers.contains("gc")) {
      list.add(GCProfiler.class);
    }
    return list;
  }

  /**
   * Runs the item, its output going to {@code format}. Another JMH run on the machine holds JMH's
   * lock: waits for it, up to ten minutes, rather than measuring beside it.
   */
  Outcome launch(PlanItem item, Path forkRecord, Path profile, OutputFormat format, PrintStream out) {
    Options options;
    try {
      options = options(item, forkRecord, profile);
    } catch (GdbenchException e) {
      return new Outcome(null, e);
    }
    String own = ownClasspathBackend(item);
    if (own == null) {
      return launch(options, format, out);
    }
    // JMH gives a fork this JVM's java.class.path (Runner.addClasspath): for a backend with a class
    // path of its own, that property is its class path while the fork starts.
    String main = System.getProperty("java.class.path");
    System.setProperty("java.class.path", OwnClasspath.of(own));
    try {
      return launch(options, format, out);
    } finally {
      System.setProperty("java.class.path", main);
    }
  }

  /** The backend of an item whose fork needs that backend's own class path, else null. */
  static String ownClasspathBackend(PlanItem item) {
    if (item.cell == null || item.kind == BenchmarkKind.FLOOR) {
      return null;
    }
    Backend b = Backends.get(Cell.parse(item.cell).backend());
    return b.classpathNeed() == ClasspathNeed.OWN ? b.name() : null;
  }

  private Outcome launch(Options options, OutputFormat format, PrintStream out) {
    long lockDeadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (true) {
      try {
        return new Outcome(new Runner(options, format).runSingle(), null);
      } catch (RunnerException e) {
        if (LOCK_BUSY.matcher(String.valueOf(e.getMessage())).find() && System.nanoTime() < lockDeadline) {
          out.println("# gdbench: another JMH run holds the JMH lock; waiting");
          sleep(5000);
          continue;
        }
        return new Outcome(null, e);
      } catch (RuntimeException e) {
        return new Outcome(null, e);
      }
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
