package gdbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;

/**
 * The manual stage written for speed: the fewest engine calls per step, one full-length result
 * (the residual) in a sub-manager closed each step, every other pass in place, no {@code Number}
 * operand (each becomes a tensor), {@code mul}/{@code dot} instead of one-column matrix products
 * for one feature, one value read back. docs/findings.md has the costs that led here.
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
