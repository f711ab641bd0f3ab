package gdbench.measure;

import gdbench.core.Device;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.TrainConfig;
import java.util.List;

/**
 * A problem every cell trains in a convergence run, with the configuration all cells share, so that
 * their trajectories can be laid over each other.
 */
public record ConvergenceProblem(String name, String data, TrainConfig config, String about) {

  /** The standard set: the tutorial (both rules), a problem with a bias and D > 1, and a divergence. */
  public static List<ConvergenceProblem> standard() {
    return List.of(
        new ConvergenceProblem("seed", "seed",
            new TrainConfig(0.01f, 100, GradientRule.MEAN, false, Init.zeros(), 1, Device.CPU),
            "the tutorial: x = [1, 2, 3, 4], y = 2x, no bias, lr 0.01"),
        new ConvergenceProblem("seed-dot", "seed",
            new TrainConfig(0.01f, 20, GradientRule.DOT, false, Init.zeros(), 1, Device.CPU),
            "the tutorial's first gradient (the sum's, 4x the mean's): faster on 4 samples"),
        new ConvergenceProblem("bias-d8", "synthetic:n=1024,d=8,seed=7",
            new TrainConfig(0.05f, 200, GradientRule.MEAN, true, Init.zeros(), 1, Device.CPU),
            "N = 1024, D = 8, with bias, noise 0.1, lr 0.05"),
        new ConvergenceProblem("dot-n1000", "synthetic:n=1000,d=1,seed=1",
            new TrainConfig(0.01f, 60, GradientRule.DOT, false, Init.zeros(), 1, Device.CPU),
            "the dot rule on N = 1000: a step 1000x too large, diverges"));
  }

  public Problem problem() {
    return Problems.parse(data);
  }
}
