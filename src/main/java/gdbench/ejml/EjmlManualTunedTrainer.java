package gdbench.ejml;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import org.ejml.concurrency.EjmlConcurrency;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * The manual stage with EJML's procedural API: every output preallocated, nothing allocated per
 * step, outputs never aliasing inputs, and for each product the EJML routine that was fastest for
 * its shape ({@code scale} for one feature, {@code mult} on a transposed copy of X made once for
 * the gradient). The figures behind these choices are in docs/findings.md.
 */
final class EjmlManualTunedTrainer implements Trainer {
  private final FMatrixRMaj x;
  private final FMatrixRMaj xT;
  private final FMatrixRMaj y;
  private final FMatrixRMaj w;
  private final FMatrixRMaj yHat;
  private final FMatrixRMaj residual;
  private final FMatrixRMaj gradW;
  private final float[] initialW;
  private final float initialB;
  private final boolean hasBias;
  private final boolean concurrent;
  private final float lr;
  private final float gradScale; // 2/N for the mean rule, 2 for the dot rule
  private final int n;
  private float b;
  private float gradB;

  EjmlManualTunedTrainer(Problem p, TrainConfig c) {
    n = p.n();
    x = new FMatrixRMaj(n, p.d());
    System.arraycopy(p.x(), 0, x.data, 0, p.x().length);
    xT = p.d() == 1 ? FMatrixRMaj.wrap(1, n, x.data) : CommonOps_FDRM.transpose(x, null);
    y = new FMatrixRMaj(n, 1);
    System.arraycopy(p.y(), 0, y.data, 0, n);
    initialW = c.initialWeights(p.d());
    initialB = c.initialBias(p.d());
    w = new FMatrixRMaj(p.d(), 1);
    yHat = new FMatrixRMaj(n, 1);
    residual = new FMatrixRMaj(n, 1);
    gradW = new FMatrixRMaj(p.d(), 1);
    hasBias = c.bias();
    concurrent = EjmlConcurrency.USE_CONCURRENT;
    lr = c.lr();
    gradScale = c.rule() == GradientRule.MEAN ? 2f / n : 2f;
    reset();
  }

  @Override
  public float step() {
    if (w.numRows == 1) {
      CommonOps_FDRM.scale(w.data[0], x, yHat);
    } else if (concurrent) {
      CommonOps_MT_FDRM.mult(x, w, yHat);
    } else {
      CommonOps_FDRM.mult(x, w, yHat);
    }
    if (hasBias) {
      CommonOps_FDRM.add(yHat, b);
    }
    CommonOps_FDRM.subtract(yHat, y, residual);
    float loss = CommonOps_FDRM.dot(residual, residual) / n;
    if (concurrent) {
      CommonOps_MT_FDRM.mult(xT, residual, gradW);
      CommonOps_FDRM.scale(gradScale, gradW);
    } else {
      CommonOps_FDRM.mult(gradScale, xT, residual, gradW);
    }
    CommonOps_FDRM.addEquals(w, -lr, gradW);
    if (hasBias) {
      gradB = gradScale * CommonOps_FDRM.elementSum(residual);
      b -= lr * gradB;
    }
    return loss;
  }

  @Override
  public float[] weights() {
    return w.data.clone();
  }

  @Override
  public float bias() {
    return b;
  }

  @Override
  public float[] gradient() {
    return gradW.data.clone();
  }

  @Override
  public float biasGradient() {
    return hasBias ? gradB : Float.NaN;
  }

  @Override
  public void reset() {
    System.arraycopy(initialW, 0, w.data, 0, initialW.length);
    b = initialB;
  }
}
