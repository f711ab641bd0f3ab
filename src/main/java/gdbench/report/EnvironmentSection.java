package gdbench.report;

import gdbench.runfolder.RunEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The machine, the JDK, the libraries and JMH's settings: what a reader needs to judge or repeat the figures. */
final class EnvironmentSection {
  private EnvironmentSection() {}

  static void render(RunResults results, StringBuilder md) {
    RunEnvironment env = results.env();
    RunEnvironment.Hardware hw = env.hardware();
    md.append("## Environment\n\n");
    Markdown.Table t = new Markdown.Table("", "");
    t.row("CPU", Markdown.text(hw.cpuModel()) + ", " + Markdown.or(hw.logicalCores(), 0) + " logical / "
        + (hw.physicalCores() == null ? "?" : hw.physicalCores()) + " physical cores");
    t.row("Instruction sets", String.join(", ", hw.instructionSets()));
    List<String> caches = new ArrayList<>();
    hw.caches().forEach((level, size) -> caches.add(level + " " + size));
    t.row("Caches", String.join(", ", caches));
    t.row("Memory", Markdown.bytes(Markdown.or(hw.memoryBytes(), Double.NaN)));
    RunEnvironment.Os os = env.os();
    t.row("OS", Markdown.or(os.distribution(), "") + ", " + Markdown.text(os.name()) + " " + Markdown.text(os.version())
        + " (" + Markdown.text(os.arch()) + ")");
    RunEnvironment.Jdk jdk = env.jdk();
    t.row("JDK", Markdown.text(jdk.vendor()) + " " + Markdown.text(jdk.runtimeVersion()) + ", " + Markdown.text(jdk.vmName()));
    t.row("Vector API", Markdown.or(jdk.vectorSpecies(), "-"));
    t.row("JMH", Markdown.text(env.jmh().version()));
    t.row("Native flavour", results.run().device() + ", " + Markdown.or(env.nativeSetup().instructionSet(), "?"));
    List<String> threadEnv = new ArrayList<>();
    env.threads().environment().forEach((name, value) -> threadEnv.add(name + "=" + value)); // unset variables show as null
    t.row("Threads", Markdown.or(env.threads().threads(), 0) + " (" + String.join(", ", threadEnv) + ")");
    // the runner writes a null commit outside a git checkout; the page has always shown it as such
    t.row("Commit", "`" + env.git().commit() + "`" + (env.git().dirty() ? ", with uncommitted changes" : ", clean"));
    t.row("Run", Markdown.text(env.startedAt()) + " to " + Markdown.or(env.finishedAt(), "(unfinished)"));
    md.append(t.render()).append('\n');
    libraries(env, md);
    jmhSettings(env, md);
  }

  private static void libraries(RunEnvironment env, StringBuilder md) {
    md.append("### Libraries\n\n");
    Markdown.Table libs = new Markdown.Table("backend", "library versions", "thread settings", "what it runs");
    for (RunEnvironment.Backend b : env.backends()) {
      // a null description is a backend that failed to describe itself; the page has always said "null"
      libs.row(Markdown.text(b.name()), sorted(b.versions()), sorted(b.threadSettings()), String.valueOf(b.description()));
    }
    md.append(libs.render()).append('\n');
    List<String> natives = new ArrayList<>();
    env.nativeSetup().artifacts().forEach(a -> natives.add("`" + a + "`"));
    if (!natives.isEmpty()) {
      md.append("Native artifacts on the classpath: ").append(String.join(", ", natives)).append(".\n\n");
    }
  }

  private static void jmhSettings(RunEnvironment env, StringBuilder md) {
    md.append("### JMH settings\n\n");
    Markdown.Table jmh = new Markdown.Table("benchmark", "JMH method", "mode", ">forks", ">warmup", ">measurement", "profilers");
    env.jmh().benchmarks().forEach((kind, b) -> {
      List<String> profilers = new ArrayList<>();
      b.profilers().forEach(p -> profilers.add(simpleName(String.valueOf(p))));
      jmh.row(kind, "`" + Markdown.text(b.benchmark()) + "`", Markdown.text(b.mode()), b.forks(),
          iterations(b.warmupIterations(), b.warmupTimeMs()), iterations(b.measurementIterations(), b.measurementTimeMs()),
          String.join(", ", profilers));
    });
    md.append(jmh.render()).append('\n');
    md.append("Benchmark JVM options appended: `").append(String.join(" ", env.jmh().jvmArgsAppend())).append("`.\n\n");
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /** Iterations of a fixed time, or single shots where the run gave no time. */
  private static String iterations(int count, Integer ms) {
    return count + (ms != null ? " × " + ms + " ms" : " shots");
  }

  /** A map as "key value" pairs sorted by key, or "-" when empty or absent. */
  private static String sorted(Map<String, String> map) {
    if (map == null || map.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    new TreeMap<>(map).forEach((k, v) -> parts.add(k + " " + v));
    return String.join(", ", parts);
  }
}
