package gdbench.report;

import gdbench.runfolder.RunEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The title, whether the run is complete, the machine in one line, and what the workloads are. */
final class HeaderSection {
  private HeaderSection() {}

  static void render(RunResults results, StringBuilder md) {
    RunEnvironment env = results.env();
    md.append("# gdbench run ").append(env.run()).append(" on ").append(env.machine()).append("\n\n");
    RunEnvironment.Counts counts = env.counts();
    if (env.complete()) {
      md.append("**Complete** ");
    } else {
      md.append("**INCOMPLETE")
          .append(env.interrupted() ? ": the run was interrupted" : "")
          .append("** — the tables below hold only what finished; missing results are listed as such. ");
    }
    md.append(String.format(Locale.ROOT, "(%s mode): %d of %d benchmarks ok, %d failed, %d skipped, %d not run; wall time %s.%n%n",
        Markdown.or(env.mode(), "?"), counts.ok(), counts.planned(), counts.failed(), counts.skipped(), counts.notRun(),
        Markdown.duration(Markdown.or(env.wallSeconds(), Double.NaN))));
    RunEnvironment.Os os = env.os();
    md.append(String.format(Locale.ROOT, "%s, %s · %s %s · JDK %s · JMH %s · device %s · %d thread(s) · commit `%s`%s%n%n",
        env.hardwareSummary(), Markdown.bytes(Markdown.or(env.hardware().memoryBytes(), Double.NaN)),
        Markdown.or(os.name(), ""), Markdown.or(os.distribution(), Markdown.or(os.version(), "")),
        Markdown.or(env.jdk().version(), "?"), Markdown.or(env.jmh().version(), "?"), env.device(),
        Markdown.or(env.threads().threads(), 1), shortCommit(env, "unknown"), env.git().dirty() ? " (with uncommitted changes)" : ""));
    if (results.forksAsUnit()) {
      forkRun(results, md);
      return;
    }
    md.append("Time per step is one full-batch gradient-descent step (prediction, MSE loss, gradient, update); "
        + "± is JMH's 99.9% error. Workloads: ");
    List<String> parts = new ArrayList<>();
    env.workloads().forEach((id, w) -> parts.add(String.format(Locale.ROOT, "`%s` %,d × %d%s", id, w.n(), w.d(), w.bias() ? " with bias" : "")));
    md.append(String.join(", ", parts)).append(".\n\n");
  }

  /**
   * A run with the fork as the unit: what would make its figures untrustworthy first (a noisy
   * canary, results measured above the host's bounds, a run stopped early), then what every ± means,
   * said once, and the workloads against the machine's caches.
   */
  private static void forkRun(RunResults results, StringBuilder md) {
    RunEnvironment env = results.env();
    if (env.stoppedEarly() != null) {
      md.append("**Stopped early:** ").append(env.stoppedEarly()).append(".\n\n");
    }
    if (env.settings().profiled()) {
      md.append("**Profiled run:** the first fork of every step result ran under async-profiler (section \"Where the time goes\"), "
          + "which takes samples on the measured thread; read its figures for where time goes, and compare speeds with runs made "
          + "without the profiler.\n\n");
    }
    RunEnvironment.Canary canary = env.canary();
    if (canary != null && canary.isNoisy()) {
      md.append(String.format(Locale.ROOT, "**Noisy host:** the canary, one fixed pure-Java pass timed %d times through the run, "
          + "moved by %s between its fastest and slowest check (bound %s; drift from first to last %s). Differences of that size "
          + "between cells measured at different times are not findings.%n%n", canary.nsPerPass().size(),
          Markdown.percent(Markdown.or(canary.spread(), Double.NaN)), Markdown.percent(Markdown.or(canary.bound(), Double.NaN)),
          signedPercent(Markdown.or(canary.drift(), Double.NaN))));
    }
    RunEnvironment.Host host = env.host();
    long noisyHost = 0;
    for (gdbench.runfolder.BenchmarkKind kind : gdbench.runfolder.BenchmarkKind.values()) {
      noisyHost += results.figures(kind).stream().filter(f -> f.marks().contains(Figure.NOISY_HOST)).count();
    }
    if (noisyHost > 0 || (host != null && (host.stealAbove() || host.loadAbove()))) {
      md.append(String.format(Locale.ROOT, "**Measured on a busy host:** %s while CPU steal or the load average exceeded "
          + "the bound (steal %s, load %s); the worst any fork saw: steal %s, load %s.%n%n",
          noisyHost == 0 ? "some forks ran" : noisyHost + " result(s), marked " + Figure.NOISY_HOST_NOTE + " below, ran",
          host == null ? "-" : Markdown.percent(Markdown.or(host.stealBound(), Double.NaN)),
          host == null ? "-" : Markdown.sig(Markdown.or(host.loadBound(), Double.NaN)),
          host == null ? "-" : Markdown.percent(Markdown.or(host.maxSteal(), Double.NaN)),
          host == null ? "-" : Markdown.sig(Markdown.or(host.maxLoad(), Double.NaN))));
    }
    RunEnvironment.Statistic statistic = env.statistic();
    String confidence = Markdown.percent(results.confidence()).replace(".0%", "%");
    md.append("Time per step is one full-batch gradient-descent step (prediction, MSE loss, gradient, update). ")
        .append(String.format(Locale.ROOT, "**The fork is the unit**: every figure is the mean over forks (fresh JVMs, interleaved "
            + "with the other results' forks), each fork contributing the mean of its measured iterations, and ± is half a %s "
            + "Student t interval over those fork means (%s). A time derived from a rate inverts the rate's interval, so its bounds "
            + "are asymmetric: `1.23 µs (−1.0%%/+1.1%%)`. cv is the forks' coefficient of variation. A result marked `unsteady` "
            + "(a trend across iterations) or `bimodal` (two modes) is shown as the median and range of its measured iterations "
            + "(every fork's), with the cause; a steady result whose interval is wider than ±5%% keeps its mean and interval and is "
            + "listed with its forks' median and range and the cause of the width under \"Not served, failed, noisy\"; %s marks a result measured on a busy host, %s one with fewer than %d forks. JMH's own error over iterations "
            + "stays in jmh.json and is not shown.%n%n", confidence,
            Markdown.or(statistic.interval(), "student-t over fork means") + ", unit: " + Markdown.or(statistic.unit(), "fork"),
            Figure.NOISY_HOST_NOTE, Figure.FEW_FORKS_NOTE, Figure.FEW));
    md.append("### Workloads\n\n");
    Markdown.Table t = new Markdown.Table("workload", ">N", ">D", "bias", ">working set (x, y)", "against the caches");
    env.workloads().forEach((id, w) -> t.row("`" + id + "`", String.format(Locale.ROOT, "%,d", w.n()), w.d(), w.bias() ? "yes" : "no",
        Markdown.bytes(w.workingSet()), CacheFit.label(w.workingSet(), env.hardware().caches())));
    md.append(t.render()).append('\n');
    java.util.Map<String, Long> levels = CacheFit.levels(env.hardware().caches());
    List<String> caches = new ArrayList<>();
    levels.forEach((level, bytes) -> caches.add(level + " " + Markdown.bytes(bytes)));
    md.append(levels.isEmpty() ? "The run did not record the cache sizes." : "Caches: " + String.join(", ", caches) + ".")
        .append(" A workload larger than the last cache is streamed from DRAM on every step.\n\n");
  }

  /** A share with its sign: +3.0%, −2.1%. */
  static String signedPercent(double fraction) {
    if (!Double.isFinite(fraction)) {
      return "-";
    }
    return (fraction < 0 ? "−" : "+") + Markdown.percent(Math.abs(fraction));
  }

  /** The commit's first ten characters: enough to find it, short enough for one line. */
  static String shortCommit(RunEnvironment env, String unknown) {
    String c = Markdown.or(env.git().commit(), unknown);
    return c.length() > 10 ? c.substring(0, 10) : c;
  }
}
