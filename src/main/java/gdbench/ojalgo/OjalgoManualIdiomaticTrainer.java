package gdbench.ojalgo;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import org.ojalgo.function.aggregator.Aggregator;
import org.ojalgo.matrix.MatrixR032;
import org.ojalgo.matrix.store.R032Store;

/**
 * The manual stage as ojAlgo's documentation writes linear algebra: the immutable float32
 * {@code MatrixR032}, a new matrix per operation, the tutorial's numpy lines almost word for word.
 * Some of its operations are lazy (a scaled or transposed matrix is a view until it is used), which
 * is part of what this variant measures.
 */
final class OjalgoManualIdiomaticTrainer implements Trainer {
  private final MatrixR032 x;
  private final MatrixR032 y;
  private final float[] initialW;
  private final float initialB;
  private final boolean hasBias;
  private final double lr;
  private final double gradScale; // 2/N for the mean rule, 2 for the dot rule
  private final int n;
  private MatrixR032 w;
  private MatrixR032 dw;
  private float b;
  private float db;

  OjalgoManualIdiomaticTrainer(Problem p, TrainConfig c) {
    n = p.n();
    // Row-major X read as a column-major D×N store is Xᵀ; its transpose, copied, is X.
    x = MatrixR032.FACTORY.copy(R032Store.wrap(p.x().clone(), p.d()).transpose());
    y = MatrixR032.FACTORY.copy(R032Store.wrap(p.y().clone()));
    initialW = c.initialWeights(p.d());
    initialB = c.initialBias(p.d());
    hasBias = c.bias();
    lr = c.lr();
    gradScale = c.rule() == GradientRule.MEAN ? 2.0 / n : 2.0;
    reset();
  }

  @Override
  public float step() {
    MatrixR032 yHat = x.multiply(w);                              // y_pred = forward(x)
    if (hasBias) {
      yHat = yHat.add(b);
    }
    MatrixR032 r = yHat.subtract(y);
    double loss = r.dot(r) / n;                                   // mean((y_pred - y)**2)
    dw = x.transpose().multiply(r).multiply(gradScale);           // 2/N · Xᵀ(y_pred - y)
    w = w.subtract(dw.multiply(lr));                              // w -= lr * dw
    if (hasBias) {
      db = (float) (r.aggregateAll(Aggregator.SUM) * gradScale);
      b -= (float) (lr * db);
    }
    return (float) loss;
  }

  @Override
  public float[] weights() {
    return values(w);
  }

  @Override
  public float bias() {
    return b;
  }

  @Override
  public float[] gradient() {
    return dw == null ? null : values(dw);
  }

  @Override
  public float biasGradient() {
    return hasBias ? db : Float.NaN;
  }

  @Override
  public void reset() {
    w = MatrixR032.FACTORY.copy(R032Store.wrap(initialW.clone()));
    b = initialB;
    dw = null;
  }

  private static float[] values(MatrixR032 m) {
    float[] v = new float[(int) m.count()];
    for (int i = 0; i < v.length; i++) {
      v[i] = m.floatValue(i);
    }
    return v;
  }
}
