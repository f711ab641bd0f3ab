package gdbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;

/**
 * The manual stage written for speed: the fewest engine calls per step, one full-length result
 * allocated (the residual), every other full-length pass in place, no scalar made per call, one
 * value read back.
 *
 * <p>Where DJL loses against its own engine, and what this variant does instead:
 * <ul>
 *   <li>{@code pow(2)} hands the exponent to PyTorch as a 0-dim <em>tensor</em> (DJL wraps every
 *       {@code Number} argument in a new array), so PyTorch runs its general tensor-tensor
 *       {@code pow} per element instead of the {@code x*x} its {@code Scalar} overload does:
 *       about 40 times slower on a million floats, the same as {@code x.pow(torch.tensor(2.))}
 *       in Python. The squared error here is a {@code dot} of the residual with itself: one
 *       pass, no temporary.
 *   <li>Every {@code Number} argument ({@code mul(2)}, {@code mul(lr)}) costs a direct buffer, a
 *       tensor, its Java wrapper and PyTorch's mixed-type path: about 10 µs a call against 2.5 µs
 *       for an operation on two arrays. The one scalar this step needs, lr·c, is made once.
 *   <li>Each result costs DJL about 1.2 µs of Java on top of PyTorch's own call (a wrapper, a
 *       string id, a registration in the manager, a JNI delete on close), so the step makes few
 *       of them: in-place {@code subi}/{@code addi}, the update folded into one scale.
 *   <li>A result freed late is a fresh allocation for the next step (new pages); here the only
 *       full-length result, the residual, dies in its step's sub-manager.
 *   <li>PyTorch's matrix products with one or two columns ({@code X·w}, {@code rᵀX} for
 *       D = 1) run at 1–1.7 ns per element here, five to ten times an element-wise pass, so with one
 *       feature the step uses {@code mul} and {@code dot} instead; from D = 2 on it uses
 *       {@code matMul}.
 *   <li>{@code getFloat()} goes through DJL's indexer (+3 µs); the loss is read with one copy.
 * </ul>
 */
final class DjlManualTunedTrainer extends DjlTrainer {
  private final NDArray x; // N×D; N when D = 1 (element-wise path)
  private final NDArray y; // N
  private final NDArray w; // D
  private final NDArray b; // 1, only with a bias
  private final NDArray stepScale; // 0-dim: lr·c, the rule's gradient factor c times the rate
  private final float gradScale; // c: 2/N for the mean rule, 2 for the dot rule
  private final boolean oneFeature;
  private NDArray lastRawGradW; // Σ r·x of the last step, kept for gradient()
  private NDArray lastRawGradB; // Σ r

  DjlManualTunedTrainer(Problem p, TrainConfig c) {
    super(p, c);
    oneFeature = d == 1;
    x = design(manager, p);
    y = targets(manager, p);
    w = manager.create(initialW.clone(), new Shape(d));
    b = hasBias ? manager.create(new float[] {initialB}, new Shape(1)) : null;
    // The mean rule's gradient is (2/N)·Xᵀr, the dot rule's 2·Xᵀr: the dot rule scales the mean
    // rule's by N (GradientRule.scale), folded into this one factor.
    gradScale = 2f / n * c.rule().scale(n);
    stepScale = manager.create(lr * gradScale);
  }

  @Override
  public float step() {
    checkOpen();
    closeLastGradients();
    try (NDManager stepManager = manager.newSubManager()) {
      NDArray r = oneFeature ? x.mul(w) : x.matMul(w); // ŷ = X·w: the one allocating pass
      r.attach(stepManager); // what is computed from r now lands in the step's manager
      if (hasBias) {
        r.addi(b);
      }
      r.subi(y); // r = ŷ − y, in place
      NDArray squares = r.dot(r); // Σ r², one pass, no temporary
      NDArray gw = oneFeature ? r.dot(x) : r.matMul(x); // Σ r·x, up to the factor c
      NDArray gb = hasBias ? r.sum() : null; // Σ r
      w.subi(gw.mul(stepScale)); // w ← w − lr·c·Σ r·x
      if (hasBias) {
        b.subi(gb.mul(stepScale));
      }
      float loss = scalar(squares) / n; // the one read back: the MSE before the update
      lastRawGradW = stepManager.ret(gw);
      lastRawGradB = gb == null ? null : stepManager.ret(gb);
      return loss;
    }
  }

  private void closeLastGradients() {
    if (lastRawGradW != null) {
      lastRawGradW.close();
      lastRawGradW = null;
    }
    if (lastRawGradB != null) {
      lastRawGradB.close();
      lastRawGradB = null;
    }
  }

  @Override
  public float[] weights() {
    checkOpen();
    return floats(w);
  }

  @Override
  public float bias() {
    checkOpen();
    return hasBias ? scalar(b) : 0f;
  }

  @Override
  public float[] gradient() {
    if (lastRawGradW == null) {
      return null;
    }
    float[] g = floats(lastRawGradW);
    for (int j = 0; j < g.length; j++) {
      g[j] *= gradScale;
    }
    return g;
  }

  @Override
  public float biasGradient() {
    return lastRawGradB == null ? Float.NaN : gradScale * scalar(lastRawGradB);
  }

  @Override
  public void reset() {
    checkOpen();
    closeLastGradients();
    assign(w, initialW);
    if (hasBias) {
      assign(b, new float[] {initialB});
    }
  }
}
