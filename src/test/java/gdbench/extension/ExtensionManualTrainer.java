package gdbench.extension;

import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;

/** The manual stage in the most direct loops: a second, independent writing of the kernel. */
final class ExtensionManualTrainer implements Trainer {
  private final Problem problem;
  private final TrainConfig config;
  private final float[] w;
  private final float[] gradW;
  private float b;
  private float gradB;

  ExtensionManualTrainer(Problem problem, TrainConfig config) {
    this.problem = problem;
    this.config = config;
    this.w = config.initialWeights(problem.d());
    this.gradW = new float[problem.d()];
    this.b = config.initialBias(problem.d());
  }

  @Override
  public float step() {
    int n = problem.n();
    int d = problem.d();
    float[] x = problem.x();
    float[] y = problem.y();
    double loss = 0;
    double[] gw = new double[d];
    double gb = 0;
    for (int i = 0; i < n; i++) {
      double yHat = config.bias() ? b : 0;
      for (int j = 0; j < d; j++) {
        yHat += (double) w[j] * x[i * d + j];
      }
      double r = (float) yHat - y[i];
      loss += r * r;
      for (int j = 0; j < d; j++) {
        gw[j] += 2 * x[i * d + j] * r;
      }
      gb += 2 * r;
    }
    double scale = (double) config.rule().scale(n) / n; // 1/N for the mean rule, 1 for the dot rule
    for (int j = 0; j < d; j++) {
      gradW[j] = (float) (gw[j] * scale);
      w[j] -= config.lr() * gradW[j];
    }
    if (config.bias()) {
      gradB = (float) (gb * scale);
      b -= config.lr() * gradB;
    }
    return (float) (loss / n);
  }

  @Override
  public float[] weights() {
    return w.clone();
  }

  @Override
  public float bias() {
    return b;
  }

  @Override
  public float[] gradient() {
    return gradW.clone();
  }

  @Override
  public float biasGradient() {
    return config.bias() ? gradB : Float.NaN;
  }

  @Override
  public void reset() {
    System.arraycopy(config.initialWeights(problem.d()), 0, w, 0, w.length);
    b = config.initialBias(problem.d());
  }
}
