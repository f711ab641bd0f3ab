package gdbench.runfolder;

import gdbench.core.GdbenchException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The suite's JMH benchmarks, as a run folder names them: the id keys {@code jmh.benchmarks} and
 * the plan in env.json, the JMH method is what jmh.json calls the result, and mode and unit are
 * how the runner has JMH measure and report it (JMH's short mode label and score unit).
 */
public enum BenchmarkKind {
  STEP("step", "gdbench.bench.StepThroughput.step", "thrpt", "ops/s"),
  TARGET("target", "gdbench.bench.TimeToTarget.train", "avgt", "us/op"),
  COLD("cold", "gdbench.bench.ColdStart.openAndStep", "ss", "ms/op"),
  TRANSFER("transfer", "gdbench.bench.TransferAndStep.openAndStep", "ss", "ms/op"),
  /** The least work of any step (X and y read once), per workload: the "× floor" of every cell. */
  FLOOR("floor", "gdbench.bench.Floor.pass", "thrpt", "ops/s");

  /**
   * Converged: the excess loss over the closed-form optimum is at most this fraction of the
   * initial excess. Time to target (JMH) and gdbench converge both stop there, so that their
   * figures describe the same point of training.
   */
  public static final double TARGET_FRACTION = 0.01;

  private final String id;
  private final String jmhMethod;
  private final String mode;
  private final String unit;

  BenchmarkKind(String id, String jmhMethod, String mode, String unit) {
    this.id = id;
    this.jmhMethod = jmhMethod;
    this.mode = mode;
    this.unit = unit;
  }

  public String id() {
    return id;
  }

  /** The fully qualified benchmark method, as JMH names its results. */
  public String jmhMethod() {
    return jmhMethod;
  }

  /** JMH's short label of the mode: thrpt, avgt or ss. */
  public String mode() {
    return mode;
  }

  /** The score unit JMH writes for this kind. */
  public String unit() {
    return unit;
  }

  /** The kind with this id; the message names the known ids, so a caller need not add them. */
  public static BenchmarkKind parse(String id) {
    for (BenchmarkKind k : values()) {
      if (k.id.equals(id)) {
        return k;
      }
    }
    throw new GdbenchException("unknown benchmark kind '" + id + "' (known: " + ids() + ")");
  }

  public static String ids() {
    return Arrays.stream(values()).map(BenchmarkKind::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
