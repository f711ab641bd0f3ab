package gdbench.pytorchjavacpp;

import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * The tutorial's second stage in libtorch's C++ API: the gradient from {@code backward()}, the
 * update by hand under {@code torch::NoGradGuard}, the gradient zeroed in place.
 *
 * <pre>
 * l = loss(Y, forward(X)); l.backward()
 * with torch.no_grad(): w -= learning_rate * w.grad
 * w.grad.zero_()
 * </pre>
 *
 * The gradient is zeroed before each backward pass rather than after the update (the same
 * arithmetic), so that the last one stays readable. The dot rule back-propagates N·MSE.
 */
final class LibtorchAutogradTrainer extends LibtorchTrainer {
  private final Tensor x;
  private final Tensor y;
  private final Scalar rate;

  LibtorchAutogradTrainer(Problem p, TrainConfig c) {
    super(p, c);
    x = design(p);
    y = targets(p);
    createParameters(true);
    rate = keep(new Scalar(lr));
  }

  @Override
  public float step() {
    checkOpen();
    try (PointerScope scope = new PointerScope()) {
      zeroGradients();
      Tensor yHat = forward(x, w);
      if (hasBias) {
        yHat = yHat.add(b);
      }
      Tensor l = yHat.sub(y).square().mean();
      backward(l);
      try (NoGradGuard noGrad = new NoGradGuard()) {
        w.sub_(w.grad(), rate);
        if (hasBias) {
          b.sub_(b.grad(), rate);
        }
      }
      return l.item_float();
    }
  }

  private void zeroGradients() {
    try (PointerScope scope = new PointerScope()) {
      Tensor gw = w.grad();
      if (gw.defined()) {
        gw.zero_();
      }
      if (hasBias) {
        Tensor gb = b.grad();
        if (gb.defined()) {
          gb.zero_();
        }
      }
    }
  }

  @Override
  public float[] gradient() {
    checkOpen();
    try (Tensor g = w.grad()) {
      return g.defined() ? LibtorchRuntime.floats(g) : null;
    }
  }

  @Override
  public float biasGradient() {
    checkOpen();
    if (!hasBias) {
      return Float.NaN;
    }
    try (Tensor g = b.grad()) {
      return g.defined() ? LibtorchRuntime.floats(g)[0] : Float.NaN;
    }
  }

  @Override
  public void reset() {
    checkOpen();
    restoreParameters();
    zeroGradients();
  }
}
