package gdbench.nd4j;

import gdbench.core.GdbenchException;
import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The manual stage written as lean as ND4J allows: every array allocated once, and one step five
 * library calls, none of which allocates. ND4J's own arithmetic builds an op object and a native
 * context per call; here each op and its context are built once, reductions are BLAS calls that
 * return a double, and the bias is the weight of a column of ones so two gemv calls do all the
 * work (docs/findings.md has the per-call costs):
 *
 * <pre>
 *   r ← y                      BLAS copy
 *   r ← X·θ − r                Mmul (gemv, β = −1), op and context built once
 *   L = (r·r) / N              BLAS dot, returned to Java as a double
 *   g ← s·Xᵀ·r                 Mmul with the transpose flag (s = 2/N, or 2 for the dot rule)
 *   θ ← θ − lr·g               BLAS axpy
 * </pre>
 */
final class Nd4jManualTunedTrainer implements Trainer {
  private final int n;
  private final int d;
  private final int p; // parameters: d weights, plus the bias when there is one
  private final boolean hasBias;
  private final float lr;
  private final float[] initial;

  private final INDArray x1; // [n, p], column-major: the features, then a column of ones if biased
  private final INDArray y; // [n]
  private final INDArray r; // [n] residuals ŷ − y
  private final INDArray theta; // [p] weights, then the bias
  private final INDArray g; // [p] gradient
  private final Level1 blas;
  private final OpExecutioner exec;
  private final Mmul forward;
  private final OpContext forwardContext;
  private final Mmul backward;
  private final OpContext backwardContext;
  private boolean closed;

  Nd4jManualTunedTrainer(Problem problem, TrainConfig config) {
    n = problem.n();
    d = problem.d();
    hasBias = config.bias();
    p = hasBias ? d + 1 : d;
    lr = config.lr();
    initial = new float[p];
    System.arraycopy(config.initialWeights(d), 0, initial, 0, d);
    if (hasBias) {
      initial[d] = config.initialBias(d);
    }

    long size = (long) n * p;
    if (size > Integer.MAX_VALUE - 8) {
      throw new GdbenchException("nd4j manual/tuned: " + n + " samples × " + p + " columns do not fit one Java array");
    }
    float[] columns = new float[(int) size];
    float[] xs = problem.x();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        columns[j * n + i] = xs[i * d + j];
      }
    }
    if (hasBias) {
      java.util.Arrays.fill(columns, d * n, p * n, 1f);
    }
    x1 = Nd4j.create(columns, new long[] {n, p}, 'f');
    y = Nd4j.create(problem.y(), new long[] {n}, 'c'); // copied into native memory
    r = Nd4j.create(DataType.FLOAT, n);
    theta = Nd4j.create(initial.clone(), new long[] {p}, 'c');
    g = Nd4j.create(DataType.FLOAT, p);

    blas = Nd4j.getBlasWrapper().level1();
    exec = Nd4j.getExecutioner();
    // mean: ∇ = (2/N)·Xᵀr; dot (the tutorial's first attempt): ∇ = 2·Xᵀr, N times larger.
    double gradScale = config.rule() == GradientRule.MEAN ? 2.0 / n : 2.0;
    forward = new Mmul(x1, theta, r, 1.0, -1.0, MMulTranspose.builder().build());
    forwardContext = contextOf(forward);
    backward = new Mmul(x1, r, g, gradScale, 0.0, MMulTranspose.builder().transposeA(true).build());
    backwardContext = contextOf(backward);
  }

  /**
   * The op's arrays and arguments, set once into a native context that every step reuses. The
   * output arrays are allocated here with exactly the shapes Mmul produces, so libnd4j's shape
   * function (recomputing and checking the output shape on every call, ~0.5 µs) is skipped, as
   * ND4J's own executioner does when it has computed the shapes itself.
   */
  private OpContext contextOf(Mmul op) {
    OpContext c = exec.buildContext();
    c.setInputArrays(op.inputArguments());
    c.setOutputArrays(op.outputArguments());
    c.setIArguments(op.iArgs());
    c.setTArguments(op.tArgs());
    c.shapeFunctionOverride(true);
    return c;
  }

  @Override
  public float step() {
    blas.copy(y, r); // r ← y
    exec.exec(forward, forwardContext); // r ← X·θ − r = ŷ − y
    double sse = blas.dot(n, 1.0, r, r); // Σ(ŷ − y)²
    exec.exec(backward, backwardContext); // g ← s·Xᵀ(ŷ − y)
    blas.axpy(p, -lr, g, theta); // θ ← θ − lr·g
    return (float) (sse / n);
  }

  @Override
  public float[] weights() {
    float[] all = theta.toFloatVector();
    return java.util.Arrays.copyOf(all, d);
  }

  @Override
  public float bias() {
    return hasBias ? theta.getFloat(d) : 0f;
  }

  @Override
  public float[] gradient() {
    return java.util.Arrays.copyOf(g.toFloatVector(), d);
  }

  @Override
  public float biasGradient() {
    return hasBias ? g.getFloat(d) : Float.NaN;
  }

  @Override
  public void reset() {
    for (int j = 0; j < p; j++) { // element writes: no op, nothing allocated
      theta.putScalar(j, initial[j]);
      g.putScalar(j, 0f);
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    forwardContext.purge();
    backwardContext.purge();
    for (INDArray a : new INDArray[] {x1, y, r, theta, g}) {
      a.close();
    }
  }
}
