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
  private final Scalar stepScale; // lr·c, c the rule's gradient factor: 2/N (mean) or 2 (dot)
  private final float gradScale;
  private final HeldGradients last = new HeldGradients(); // Σ r·x and Σ r of the last step

  LibtorchManualTunedTrainer(Problem p, TrainConfig c) {
    super(p, c);
    x = design(p);
    y = targets(p);
    createParameters(false);
    gradScale = 2f / n * c.rule().scale(n);
    stepScale = keep(new Scalar(lr * gradScale));
  }

  @Override
  public float step() {
    checkOpen();
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
      last.hold(gw, gb);
      return loss;
    }
  }

  @Override
  public float[] gradient() {
    return last.weight(gradScale);
  }

  @Override
  public float biasGradient() {
    return last.bias(gradScale);
  }

  @Override
  public void reset() {
    checkOpen();
    last.close();
    restoreParameters();
  }

  @Override
  public void close() {
    last.close();
    super.close();
  }
}
