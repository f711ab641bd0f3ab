package gdbench.plain;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;

/**
 * The tutorial's manual stage, line for line, in float32 like numpy's: forward, loss, gradient and
 * update each a pass of its own. Sums use numpy's pairwise summation, so the error of a mean over
 * a million samples stays near float32 rounding instead of growing with N.
 */
final class PlainManualTrainer implements Trainer {
  private final float[] x;
  private final float[] y;
  private final int n;
  private final int d;
  private final boolean hasBias;
  private final GradientRule rule;
  private final float lr;
  private final float[] initialW;
  private final float initialB;

  private final float[] w;
  private float b;
  private final float[] yHat;
  private final float[] residual;
  private final float[] terms;
  private final float[] gradW;
  private float gradB;

  PlainManualTrainer(Problem p, TrainConfig c) {
    x = p.x();
    y = p.y();
    n = p.n();
    d = p.d();
    hasBias = c.bias();
    rule = c.rule();
    lr = c.lr();
    initialW = c.initialWeights(d);
    initialB = c.initialBias(d);
    w = initialW.clone();
    b = initialB;
    yHat = new float[n];
    residual = new float[n];
    terms = new float[n];
    gradW = new float[d];
  }

  @Override
  public float step() {
    // y_pred = forward(x)
    for (int i = 0; i < n; i++) {
      float s = 0;
      for (int j = 0; j < d; j++) {
        s += w[j] * x[i * d + j];
      }
      yHat[i] = hasBias ? s + b : s;
    }
    // l = loss(y, y_pred) = mean((y_hat - y)**2)
    for (int i = 0; i < n; i++) {
      residual[i] = yHat[i] - y[i];
      terms[i] = residual[i] * residual[i];
    }
    float loss = PairwiseSum.sum(terms, n) / n;
    // dw = mean(2*x * (y_hat - y))  — or, with the dot rule, dot(2*x, y_hat - y)
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        terms[i] = 2 * x[i * d + j] * residual[i];
      }
      gradW[j] = reduce(terms);
    }
    if (hasBias) {
      for (int i = 0; i < n; i++) {
        terms[i] = 2 * residual[i];
      }
      gradB = reduce(terms);
    }
    // w -= lr * dw
    for (int j = 0; j < d; j++) {
      w[j] -= lr * gradW[j];
    }
    if (hasBias) {
      b -= lr * gradB;
    }
    return loss;
  }

  private float reduce(float[] values) {
    float sum = PairwiseSum.sum(values, n);
    return rule == GradientRule.MEAN ? sum / n : sum;
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
    return hasBias ? gradB : Float.NaN;
  }

  @Override
  public void reset() {
    System.arraycopy(initialW, 0, w, 0, d);
    b = initialB;
  }
}
