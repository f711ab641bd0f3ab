package gdbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;

/**
 * The tutorial's second stage: the gradient from autograd ({@link GradientCollector}), the update
 * by hand.
 *
 * <pre>
 * l = loss(Y, forward(X)); l.backward()
 * with torch.no_grad(): w -= learning_rate * w.grad
 * w.grad.zero_()
 * </pre>
 *
 * <p>The PyTorch engine accumulates gradients across {@code backward()} calls, as PyTorch does, and
 * DJL's {@code GradientCollector} does not clear them (its {@code zeroGradients()} walks every
 * array of the process and leaves two gradient handles behind per parameter), so each parameter's
 * gradient is zeroed in place, PyTorch's {@code grad.zero_()}, before each backward pass: the same
 * arithmetic as the tutorial's zeroing after the update, and the last gradient stays readable.
 *
 * <p>The loss is {@code square().mean()}, not {@code pow(2).mean()}: DJL sends the exponent as a
 * tensor and PyTorch then takes its slow general {@code pow} (see {@link DjlManualTunedTrainer}).
 */
final class DjlAutogradTrainer extends DjlTrainer {
  private final NDArray x; // N×D; N when D = 1
  private final NDArray y; // N
  private final NDArray w; // D, requires gradient
  private final NDArray b; // 1, requires gradient, only with a bias
  private final NDArray lossScale; // 0-dim: N for the dot rule
  private final NDArray rate; // 0-dim: lr

  DjlAutogradTrainer(Problem p, TrainConfig c) {
    super(p, c);
    x = DjlTrainer.design(manager, p);
    y = targets(manager, p);
    w = manager.create(initialW.clone(), new Shape(d));
    w.setRequiresGradient(true);
    if (hasBias) {
      b = manager.create(new float[] {initialB}, new Shape(1));
      b.setRequiresGradient(true);
    } else {
      b = null;
    }
    // The dot rule's gradient is N times the MSE's: back-propagating N·MSE gives it exactly.
    lossScale = manager.create(c.rule().scale(n));
    rate = manager.create(lr);
  }

  @Override
  public float step() {
    checkOpen();
    zeroGradients();
    try (NDManager stepManager = manager.newSubManager()) {
      if (hasBias) {
        stepManager.tempAttachAll(x, y, w, b); // results and gradient handles land in the step
      } else {
        stepManager.tempAttachAll(x, y, w);
      }
      NDArray l;
      try (GradientCollector collector = engine.newGradientCollector()) {
        NDArray yHat = forward(x, w);
        if (hasBias) {
          yHat = yHat.add(b);
        }
        l = yHat.sub(y).square().mean();
        collector.backward(rule.scale(n) == 1f ? l : l.mul(lossScale));
      }
      // Outside the collector gradient recording is off again (PyTorch's no_grad): in-place
      // updates of the leaves are allowed.
      w.subi(w.getGradient().mul(rate));
      if (hasBias) {
        b.subi(b.getGradient().mul(rate));
      }
      return scalar(l);
    }
  }

  private void zeroGradients() {
    JniUtils.zeroGrad((PtNDArray) w);
    if (hasBias) {
      JniUtils.zeroGrad((PtNDArray) b);
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
    checkOpen();
    try (NDArray g = w.getGradient()) {
      return floats(g);
    }
  }

  @Override
  public float biasGradient() {
    checkOpen();
    if (!hasBias) {
      return Float.NaN;
    }
    try (NDArray g = b.getGradient()) {
      return scalar(g);
    }
  }

  @Override
  public void reset() {
    checkOpen();
    assign(w, initialW);
    if (hasBias) {
      assign(b, new float[] {initialB});
    }
    zeroGradients();
  }
}
