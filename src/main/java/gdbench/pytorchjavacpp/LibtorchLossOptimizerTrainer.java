package gdbench.pytorchjavacpp;

import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.MSELossImpl;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;

/**
 * The tutorial's third stage in libtorch's C++ API: {@code torch::nn::MSELoss} and
 * {@code torch::optim::SGD} around a hand-written forward pass.
 *
 * <pre>
 * loss = nn.MSELoss(); optimizer = torch.optim.SGD([w], lr=learning_rate)
 * l = loss(Y, forward(X)); l.backward(); optimizer.step(); optimizer.zero_grad()
 * </pre>
 *
 * The dot rule's gradient is N times the MSE's: it back-propagates N·MSE and reports the MSE.
 * {@code zero_grad()} resets the gradients to undefined (libtorch's default), so
 * {@link #gradient()} has none to show, as in DJL's stage.
 */
final class LibtorchLossOptimizerTrainer extends LibtorchTrainer {
  private final Tensor x;
  private final Tensor y;
  private final MSELossImpl loss;
  private final SGD optimizer;

  LibtorchLossOptimizerTrainer(Problem p, TrainConfig c) {
    super(p, c);
    x = design(p);
    y = targets(p);
    createParameters(true);
    loss = keep(new MSELossImpl());
    TensorVector parameters = keep(hasBias ? new TensorVector(w, b) : new TensorVector(w));
    optimizer = keep(new SGD(parameters, keep(new SGDOptions(lr))));
  }

  @Override
  public float step() {
    checkOpen();
    try (PointerScope scope = new PointerScope()) {
      Tensor yHat = forward(x, w);
      if (hasBias) {
        yHat = yHat.add(b);
      }
      Tensor l = loss.forward(yHat, y);
      backward(l);
      optimizer.step();
      optimizer.zero_grad();
      return l.item_float();
    }
  }

  /** SGD without momentum keeps no state: restoring the parameters restores the trainer. */
  @Override
  public void reset() {
    checkOpen();
    restoreParameters();
    optimizer.zero_grad();
  }
}
