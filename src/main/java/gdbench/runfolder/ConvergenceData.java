package gdbench.runfolder;

import java.util.List;

/**
 * A run folder's {@code convergence.json}, written by {@code gdbench converge}: per problem, its
 * configuration and closed-form optimum; per (problem, cell), the whole trajectory and the
 * figures the report shows.
 */
public record ConvergenceData(String schema, List<ProblemInfo> problems, List<Run> runs) {
  public static final String SCHEMA = "gdbench-convergence/1";

  /**
   * The cell every other trajectory is compared with ({@link Run#maxDeviationFromPlain()}): the
   * tutorial's own loops in plain Java, the simplest code that can be checked by hand.
   */
  public static final String REFERENCE_CELL = "plain/manual";

  /**
   * @param initialLoss the loss at the initial parameters (zeros), in double precision
   * @param targetLoss the optimum's loss plus {@link BenchmarkKind#TARGET_FRACTION} of the initial
   *     excess: reaching it is "converged"
   */
  public record ProblemInfo(String name, String data, String about, int n, int d, boolean bias, float lr, int epochs,
      String gradient, double[] optimumWeights, double optimumBias, double optimumLoss, double initialLoss, double targetLoss) {}

  /**
   * One cell on one problem.
   *
   * @param status finished, diverged or failed
   * @param losses loss before each epoch's update (finite epochs only)
   * @param weights weights after each epoch's update
   * @param bias bias after each epoch's update (empty without a bias)
   * @param finalLoss the loss at the final parameters, double precision
   * @param epochsToTarget the first epoch after which the loss is at most the target, null if never
   * @param msToTarget wall time of that many steps, timed separately without tracing (best of repeats)
   * @param maxDeviationFromPlain largest difference in any parameter from the trajectory of
   *     {@link #REFERENCE_CELL} over the run, relative to that trajectory's largest parameter
   * @param error why the cell failed, when it did
   */
  public record Run(String problem, String cell, String status, Integer divergedAtEpoch, float[] losses,
      float[][] weights, float[] bias, Double finalLoss, Double distanceToOptimum, Integer epochsToTarget,
      Double msToTarget, Double maxDeviationFromPlain, String error) {}
}
