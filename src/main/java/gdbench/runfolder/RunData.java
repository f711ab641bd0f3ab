package gdbench.runfolder;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything a run folder holds, read and checked by {@link RunFolderFiles#read} before anything
 * is written: the environment and JMH's results (always there), the convergence trajectories and
 * the tutorial's reference timings (null where the run has none).
 */
public record RunData(Path dir, RunEnvironment env, List<JmhResults.Result> results, ConvergenceData convergence,
    TutorialReferenceData reference) {

  public String machine() {
    return env.machine();
  }

  public String run() {
    return env.run();
  }

  public boolean complete() {
    return env.complete();
  }

  public String device() {
    return env.device();
  }

  /** See {@link RunEnvironment#hardwareSummary()}. */
  public String hardware() {
    return env.hardwareSummary();
  }

  /**
   * The JMH results of one benchmark kind, matched on the JMH method the run recorded for it (none
   * where it recorded none), so that a folder is read by its own description.
   */
  public List<JmhResults.Result> resultsOf(BenchmarkKind kind) {
    RunEnvironment.JmhBenchmark described = env.benchmark(kind);
    String name = described == null || described.benchmark() == null ? "" : described.benchmark();
    return results.stream().filter(r -> r.benchmark().equals(name)).toList();
  }
}
