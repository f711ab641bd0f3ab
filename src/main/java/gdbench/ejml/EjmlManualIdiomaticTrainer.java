package gdbench.ejml;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import org.ejml.data.FMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

/**
 * The manual stage as most EJML users would write it: {@code SimpleMatrix}, one new matrix per
 * operation, the tutorial's numpy lines almost word for word. What this costs against the tuned
 * variant is a finding of the benchmark.
 */
final class EjmlManualIdiomaticTrainer implements Trainer {
  private final SimpleMatrix x;
  private final SimpleMatrix y;
  private final float[] initialW;
  private final float initialB;
  private final boolean hasBias;
  private final double lr;
  private final double gradScale; // 2/N for the mean rule, 2 for the dot rule
  private final int n;
  private SimpleMatrix w;
  private SimpleMatrix dw;
  private double b;
  private double db;

  EjmlManualIdiomaticTrainer(Problem p, TrainConfig c) {
    n = p.n();
    x = SimpleMatrix.wrap(new FMatrixRMaj(n, p.d(), true, p.x()));
    y = SimpleMatrix.wrap(new FMatrixRMaj(n, 1, true, p.y()));
    initialW = c.initialWeights(p.d());
    initialB = c.initialBias(p.d());
    hasBias = c.bias();
    lr = c.lr();
    gradScale = c.rule() == GradientRule.MEAN ? 2.0 / n : 2.0;
    reset();
  }

  @Override
  public float step() {
    SimpleMatrix yHat = x.mult(w);                                // y_pred = forward(x)
    if (hasBias) {
      yHat = yHat.plus(b);
    }
    SimpleMatrix r = yHat.minus(y);
    double loss = r.elementPower(2).elementSum() / n;             // mean((y_pred - y)**2)
    dw = x.transpose().mult(r).scale(gradScale);                  // 2/N · Xᵀ(y_pred - y)
    w = w.minus(dw.scale(lr));                                    // w -= lr * dw
    if (hasBias) {
      db = r.elementSum() * gradScale;
      b -= lr * db;
    }
    return (float) loss;
  }

  @Override
  public float[] weights() {
    return ((FMatrixRMaj) w.getMatrix()).data.clone();
  }

  @Override
  public float bias() {
    return (float) b;
  }

  @Override
  public float[] gradient() {
    return dw == null ? null : ((FMatrixRMaj) dw.getMatrix()).data.clone();
  }

  @Override
  public float biasGradient() {
    return hasBias ? (float) db : Float.NaN;
  }

  @Override
  public void reset() {
    w = SimpleMatrix.wrap(new FMatrixRMaj(initialW.length, 1, true, initialW.clone()));
    b = initialB;
    dw = null;
  }
}
