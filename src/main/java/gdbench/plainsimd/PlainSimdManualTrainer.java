package gdbench.plainsimd;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The manual stage as one fused pass over the data: residual, loss and gradient sums together,
 * then the update. Lanes accumulate float32 within blocks of {@value #BLOCK} values and blocks
 * add up in double, so the sums stay as accurate as the straightforward loop's while the inner
 * loop runs at full SIMD width. Lane reductions reorder additions: results agree with
 * {@code plain} within float32 rounding, not bit for bit.
 */
final class PlainSimdManualTrainer implements Trainer {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  static final int BLOCK = 4096;

  private final float[] x;
  private final float[] y;
  private final int n;
  private final int d;
  private final boolean hasBias;
  private final float gradScale; // 2/N for the mean rule, 2 for the dot rule
  private final float lr;
  private final float[] initialW;
  private final float initialB;

  private final float[] w;
  private float b;
  private final float[] gradW;
  private float gradB;
  // D > 1: per-block float accumulators of Xᵀr, flushed into double sums
  private final float[] blockGrad;
  private final double[] sumGrad;

  PlainSimdManualTrainer(Problem p, TrainConfig c) {
    x = p.x();
    y = p.y();
    n = p.n();
    d = p.d();
    hasBias = c.bias();
    gradScale = c.rule() == GradientRule.MEAN ? 2f / n : 2f;
    lr = c.lr();
    initialW = c.initialWeights(d);
    initialB = c.initialBias(d);
    w = initialW.clone();
    b = initialB;
    gradW = new float[d];
    blockGrad = new float[d];
    sumGrad = new double[d];
  }

  @Override
  public float step() {
    float loss = d == 1 ? stepOneFeature() : stepRows();
    for (int j = 0; j < d; j++) {
      w[j] -= lr * gradW[j];
    }
    if (hasBias) {
      b -= lr * gradB;
    }
    return loss;
  }

  /** D = 1: vectorised across samples, two independent accumulator chains per sum. */
  private float stepOneFeature() {
    final float w0 = w[0];
    final float b0 = hasBias ? b : 0f;
    final FloatVector wv = FloatVector.broadcast(S, w0);
    final FloatVector bv = FloatVector.broadcast(S, b0);
    double lossSum = 0, gradSum = 0, resSum = 0;
    for (int start = 0; start < n; start += BLOCK) {
      final int end = Math.min(n, start + BLOCK);
      FloatVector l0 = FloatVector.zero(S), l1 = FloatVector.zero(S);
      FloatVector g0 = FloatVector.zero(S), g1 = FloatVector.zero(S);
      FloatVector r0 = FloatVector.zero(S), r1 = FloatVector.zero(S);
      int i = start;
      for (; i <= end - 2 * L; i += 2 * L) {
        FloatVector xa = FloatVector.fromArray(S, x, i);
        FloatVector xb = FloatVector.fromArray(S, x, i + L);
        FloatVector ra = xa.fma(wv, bv).sub(FloatVector.fromArray(S, y, i));
        FloatVector rb = xb.fma(wv, bv).sub(FloatVector.fromArray(S, y, i + L));
        l0 = ra.fma(ra, l0);
        l1 = rb.fma(rb, l1);
        g0 = xa.fma(ra, g0);
        g1 = xb.fma(rb, g1);
        r0 = r0.add(ra);
        r1 = r1.add(rb);
      }
      float l = l0.add(l1).reduceLanes(VectorOperators.ADD);
      float g = g0.add(g1).reduceLanes(VectorOperators.ADD);
      float r = r0.add(r1).reduceLanes(VectorOperators.ADD);
      for (; i < end; i++) {
        float res = w0 * x[i] + b0 - y[i];
        l += res * res;
        g += x[i] * res;
        r += res;
      }
      lossSum += l;
      gradSum += g;
      resSum += r;
    }
    gradW[0] = (float) (gradSum * gradScale);
    gradB = (float) (resSum * gradScale);
    return (float) (lossSum / n);
  }

  /** D > 1: per row, a SIMD dot product for the prediction and a SIMD update of Xᵀr. */
  private float stepRows() {
    final int vectorEnd = S.loopBound(d);
    final float b0 = hasBias ? b : 0f;
    final int rowsPerBlock = Math.max(1, BLOCK / d);
    java.util.Arrays.fill(sumGrad, 0);
    double lossSum = 0, resSum = 0;
    for (int start = 0; start < n; start += rowsPerBlock) {
      final int end = Math.min(n, start + rowsPerBlock);
      java.util.Arrays.fill(blockGrad, 0f);
      float l = 0, r = 0;
      for (int i = start; i < end; i++) {
        final int row = i * d;
        FloatVector acc = FloatVector.zero(S);
        int j = 0;
        for (; j < vectorEnd; j += L) {
          acc = FloatVector.fromArray(S, x, row + j).fma(FloatVector.fromArray(S, w, j), acc);
        }
        float pred = acc.reduceLanes(VectorOperators.ADD);
        for (; j < d; j++) {
          pred += x[row + j] * w[j];
        }
        final float res = pred + b0 - y[i];
        l += res * res;
        r += res;
        final FloatVector rv = FloatVector.broadcast(S, res);
        j = 0;
        for (; j < vectorEnd; j += L) {
          FloatVector.fromArray(S, x, row + j).fma(rv, FloatVector.fromArray(S, blockGrad, j)).intoArray(blockGrad, j);
        }
        for (; j < d; j++) {
          blockGrad[j] += x[row + j] * res;
        }
      }
      for (int j = 0; j < d; j++) {
        sumGrad[j] += blockGrad[j];
      }
      lossSum += l;
      resSum += r;
    }
    for (int j = 0; j < d; j++) {
      gradW[j] = (float) (sumGrad[j] * gradScale);
    }
    gradB = (float) (resSum * gradScale);
    return (float) (lossSum / n);
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
