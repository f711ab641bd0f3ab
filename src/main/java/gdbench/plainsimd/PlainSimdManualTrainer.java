package gdbench.plainsimd;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The manual stage as one fused pass over the data: residual, loss and gradient sums together,
 * then the update. Lanes accumulate float32 within blocks of {@value #BLOCK} values and blocks
 * add up in double, so the sums stay as accurate as the straightforward loop's while the inner
 * loop runs at full SIMD width. Lane reductions reorder additions: results agree with
 * {@code plain} within float32 rounding, not bit for bit.
 *
 * <p>With more than one thread and at least {@value #MIN_BLOCKS_PER_THREAD} blocks per thread,
 * the blocks are split into one contiguous range per thread on a fork-join pool of that many
 * workers, and the ranges' double sums are added in range order: the pure-Java floor then uses the
 * cores a native library would. Below that size the pool's hand-off costs more than it saves.
 */
final class PlainSimdManualTrainer implements Trainer {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  static final int BLOCK = 4096;
  static final int MIN_BLOCKS_PER_THREAD = 4;

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
  /** The ranges of rows each thread sums (one range single-threaded), and their partial sums. */
  private final Range[] ranges;
  private final ForkJoinPool pool; // null: one thread

  /** Rows [start, end) and their sums: loss, residual, and Xᵀr (D values). */
  private static final class Range {
    final int start;
    final int end;
    double loss;
    double res;
    final double[] grad;
    final float[] blockGrad; // D > 1: per-block float accumulators of Xᵀr, flushed into grad

    Range(int start, int end, int d) {
      this.start = start;
      this.end = end;
      grad = new double[d];
      blockGrad = new float[d];
    }
  }

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
    int rowsPerBlock = d == 1 ? BLOCK : Math.max(1, BLOCK / d);
    int blocks = (n + rowsPerBlock - 1) / rowsPerBlock;
    int parts = Math.max(1, Math.min(c.threads(), blocks / MIN_BLOCKS_PER_THREAD));
    ranges = new Range[parts];
    for (int k = 0; k < parts; k++) {
      // whole blocks per range, so that a range sums exactly the blocks the single pass would
      ranges[k] = new Range((int) ((long) blocks * k / parts) * rowsPerBlock, Math.min(n, (int) ((long) blocks * (k + 1) / parts) * rowsPerBlock), d);
    }
    pool = parts > 1 ? new ForkJoinPool(parts - 1) : null; // the calling thread sums the first range
  }

  @Override
  public float step() {
    if (pool == null) {
      sum(ranges[0]);
    } else {
      List<ForkJoinTask<?>> tasks = new ArrayList<>(ranges.length);
      for (int k = 1; k < ranges.length; k++) {
        Range r = ranges[k];
        tasks.add(pool.submit(() -> sum(r)));
      }
      sum(ranges[0]); // the calling thread takes the first range
      for (ForkJoinTask<?> t : tasks) {
        t.join();
      }
    }
    double lossSum = 0, resSum = 0;
    for (int j = 0; j < d; j++) {
      double g = 0;
      for (Range r : ranges) {
        g += r.grad[j];
      }
      gradW[j] = (float) (g * gradScale);
    }
    for (Range r : ranges) {
      lossSum += r.loss;
      resSum += r.res;
    }
    gradB = (float) (resSum * gradScale);
    float loss = (float) (lossSum / n);
    for (int j = 0; j < d; j++) {
      w[j] -= lr * gradW[j];
    }
    if (hasBias) {
      b -= lr * gradB;
    }
    return loss;
  }

  private void sum(Range r) {
    if (d == 1) {
      sumOneFeature(r);
    } else {
      sumRows(r);
    }
  }

  /** D = 1: vectorised across samples, two independent accumulator chains per sum. */
  private void sumOneFeature(Range range) {
    final float w0 = w[0];
    final float b0 = hasBias ? b : 0f;
    final FloatVector wv = FloatVector.broadcast(S, w0);
    final FloatVector bv = FloatVector.broadcast(S, b0);
    double lossSum = 0, gradSum = 0, resSum = 0;
    for (int start = range.start; start < range.end; start += BLOCK) {
      final int end = Math.min(range.end, start + BLOCK);
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
    range.loss = lossSum;
    range.grad[0] = gradSum;
    range.res = resSum;
  }

  /** D > 1: per row, a SIMD dot product for the prediction and a SIMD update of Xᵀr. */
  private void sumRows(Range range) {
    final int vectorEnd = S.loopBound(d);
    final float b0 = hasBias ? b : 0f;
    final int rowsPerBlock = Math.max(1, BLOCK / d);
    final float[] blockGrad = range.blockGrad;
    final double[] sumGrad = range.grad;
    Arrays.fill(sumGrad, 0);
    double lossSum = 0, resSum = 0;
    for (int start = range.start; start < range.end; start += rowsPerBlock) {
      final int end = Math.min(range.end, start + rowsPerBlock);
      Arrays.fill(blockGrad, 0f);
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
    range.loss = lossSum;
    range.res = resSum;
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

  /** How many ranges of rows a step sums (one per thread used). */
  int parts() {
    return ranges.length;
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  @Override
  public void reset() {
    System.arraycopy(initialW, 0, w, 0, d);
    b = initialB;
  }
}
