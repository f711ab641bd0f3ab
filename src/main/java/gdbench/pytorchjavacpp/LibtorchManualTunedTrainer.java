package gdbench.pytorchjavacpp;

import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * The manual stage written for speed, the same calls as DJL's tuned trainer makes of the same
 * libtorch: one allocating pass (the residual), every other pass in place, the update as
 * {@code w.sub_(g, alpha)} (no temporary for {@code lr·g}), one value read back.
 */
final class LibtorchManualTunedTrainer extends LibtorchTrainer {
  private final Tensor x;
  private final Tensor y;
  private final Tensor w;
  private final Tensor b;
  private final Scalar stepScale; // lr·c, c the rule's gradient factor: 2/N (mean) or 2 (dot)
  private final float gradScale;
  private Tensor lastRawGradW; // Σ r·x of the last step
  private Tensor lastRawGradB; // Σ r

  LibtorchManualTunedTrainer(Problem p, TrainConfig c) {
    super(p, c);
    x = design(p);
    y = targets(p);
    w = keep(LibtorchRuntime.tensor(initialW, d));
    b = hasBias ? keep(LibtorchRuntime.tensor(new float[] {initialB}, 1)) : null;
    gradScale = 2f / n * c.rule().scale(n);
    stepScale = keep(new Scalar(lr * gradScale));
  }

  @Override
  public float step() {
    checkOpen();
    closeLastGradients();
    try (PointerScope scope = new PointerScope()) {
      Tensor r = forward(x, w); // ŷ = X·w, the one allocating pass
      if (hasBias) {
        r.add_(b);
      }
      r.sub_(y); // r = ŷ − y
      Tensor squares = r.dot(r);
      Tensor gw = d == 1 ? r.dot(x) : x.t().mv(r); // Σ r·x, up to the factor c
      Tensor gb = hasBias ? r.sum() : null;
      w.sub_(gw, stepScale); // w ← w − lr·c·Σ r·x
      if (hasBias) {
        b.sub_(gb, stepScale);
      }
      float loss = squares.item_float() / n;
      lastRawGradW = gw.retainReference(); // outlives the scope, closed by the next step
      lastRawGradB = gb == null ? null : gb.retainReference();
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
    return LibtorchRuntime.floats(w);
  }

  @Override
  public float bias() {
    checkOpen();
    return hasBias ? LibtorchRuntime.floats(b)[0] : 0f;
  }

  @Override
  public float[] gradient() {
    if (lastRawGradW == null) {
      return null;
    }
    float[] g = LibtorchRuntime.floats(lastRawGradW);
    for (int j = 0; j < g.length; j++) {
      g[j] *= gradScale;
    }
    return g;
  }

  @Override
  public float biasGradient() {
    return lastRawGradB == null ? Float.NaN : gradScale * LibtorchRuntime.floats(lastRawGradB)[0];
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

  @Override
  public void close() {
    closeLastGradients();
    super.close();
  }
}
