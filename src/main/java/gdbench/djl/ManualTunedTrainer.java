package gdbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;

/**
 * The manual stage written for speed: seven engine operations per step, one of them a pass that
 * allocates (the residual), every other full-length pass in place, no scalar made per call, one
 * value read back.
 *
 * <p>Where DJL loses against its own engine, and what this variant does instead:
 * <ul>
 *   <li>{@code pow(2)} hands the exponent to PyTorch as a 0-dim <em>tensor</em> (DJL wraps every
 *       {@code Number} argument in a new array), so PyTorch runs its general tensor-tensor
 *       {@code pow} per element instead of the {@code x*x} fast path its {@code Scalar} overload
 *       takes: about 50 times slower on a million floats. The squared error here is a
 *       {@code dot} of the residual with itself: one pass, no temporary.
 *   <li>Every {@code Number} argument ({@code mul(2)}, {@code sub(lr)}) allocates a direct
 *       buffer, a tensor and its Java wrapper, and frees them again: several µs per call. The
 *       scalars this step needs are made once, as arrays, in the constructor.
 *   <li>A result freed late is a fresh allocation for the next step (new pages, cold cache);
 *       here the only full-length result, the residual, is freed within its step by the step's
 *       sub-manager, and the other full-length pass ({@code -= y}) is in place.
 *   <li>The bias rides along as a column of ones ({@code [X | 1]·[w; b]}), so one matrix-vector
 *       product gives the prediction with the bias and one gives both gradients, instead of an
 *       add pass and a sum pass more.
 *   <li>{@code getFloat()} goes through DJL's indexer (tens of µs); the loss is read with one copy.
 * </ul>
 */
final class ManualTunedTrainer extends DjlTrainer {
  private final NDArray xa; // [X | 1] with a bias, else X: N×K
  private final NDArray y; // N
  private final NDArray theta; // [w; b] or w: K
  private final NDArray stepScale; // 0-dim: lr·c, the rule's gradient factor c times the rate
  private final float gradScale; // c: 2/N for the mean rule, 2 for the dot rule
  private NDArray lastRawGradient; // Σ r·xa of the last step (K), kept for gradient()

  ManualTunedTrainer(Problem p, TrainConfig c) {
    super(p, c);
    y = targets(manager, p);
    if (hasBias) {
      float[] aug = new float[n * (d + 1)];
      float[] x = p.x();
      for (int i = 0; i < n; i++) {
        System.arraycopy(x, i * d, aug, i * (d + 1), d);
        aug[i * (d + 1) + d] = 1f;
      }
      xa = manager.create(aug, new Shape(n, d + 1));
    } else {
      xa = features(manager, p);
    }
    // The mean rule's gradient is (2/N)·Xᵀr, the dot rule's 2·Xᵀr: the dot rule scales the mean
    // rule's by N (GradientRule.scale), folded into this one factor.
    gradScale = 2f / n * c.rule().scale(n);
    stepScale = manager.create(lr * gradScale);
    float[] t0 = initialParameters();
    theta = manager.create(t0, new Shape(t0.length));
  }

  private float[] initialParameters() {
    if (!hasBias) {
      return initialW.clone();
    }
    float[] t = java.util.Arrays.copyOf(initialW, d + 1);
    t[d] = initialB;
    return t;
  }

  @Override
  public float step() {
    checkOpen();
    if (lastRawGradient != null) {
      lastRawGradient.close();
      lastRawGradient = null;
    }
    try (NDManager stepManager = manager.newSubManager()) {
      NDArray r = xa.matMul(theta); // ŷ = X·w + b, the one allocating pass
      r.attach(stepManager); // what is computed from r now lands in the step's manager
      r.subi(y); // r = ŷ − y, in place
      NDArray squares = r.dot(r); // Σ r², one pass, no temporary
      NDArray g = r.matMul(xa); // Σ r·[x 1]: both gradients up to the factor c, one pass
      theta.subi(g.mul(stepScale)); // θ ← θ − lr·c·Σ r·[x 1]
      float loss = scalar(squares) / n; // the one read back: the MSE before the update
      lastRawGradient = stepManager.ret(g);
      return loss;
    }
  }

  @Override
  public float[] weights() {
    checkOpen();
    return java.util.Arrays.copyOf(floats(theta), d);
  }

  @Override
  public float bias() {
    checkOpen();
    return hasBias ? floats(theta)[d] : 0f;
  }

  @Override
  public float[] gradient() {
    if (lastRawGradient == null) {
      return null;
    }
    float[] g = floats(lastRawGradient);
    float[] w = new float[d];
    for (int j = 0; j < d; j++) {
      w[j] = gradScale * g[j];
    }
    return w;
  }

  @Override
  public float biasGradient() {
    return hasBias && lastRawGradient != null ? gradScale * floats(lastRawGradient)[d] : Float.NaN;
  }

  @Override
  public void reset() {
    checkOpen();
    assign(theta, initialParameters());
    if (lastRawGradient != null) {
      lastRawGradient.close();
      lastRawGradient = null;
    }
  }
}
