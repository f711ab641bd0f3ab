package gdbench.pytorchjavacpp;

import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.LinearImpl;
import org.bytedeco.pytorch.LinearOptions;
import org.bytedeco.pytorch.MSELossImpl;
import org.bytedeco.pytorch.SGD;
import org.bytedeco.pytorch.SGDOptions;
import org.bytedeco.pytorch.Tensor;

/**
 * The tutorial's fourth stage in libtorch's C++ API: a {@code torch::nn::Linear(D, 1)} module,
 * {@code torch::nn::MSELoss}, {@code torch::optim::SGD} over the module's parameters, and the
 * loop of the C++ examples ({@code zero_grad}, forward, loss, {@code backward}, {@code step}).
 *
 * <pre>
 * model = nn.Linear(D, 1); loss = nn.MSELoss(); optimizer = torch.optim.SGD(model.parameters(), lr)
 * l = loss(Y, model(X)); l.backward(); optimizer.step(); optimizer.zero_grad()
 * </pre>
 *
 * Whatever the module initialised, its parameters are overwritten with the configured values.
 */
final class LibtorchFullLibraryTrainer extends LibtorchTrainer {
  private final Tensor x; // N×D
  private final Tensor y; // N×1, the module's output shape
  private final LinearImpl model;
  private final MSELossImpl loss;
  private final SGD optimizer;

  LibtorchFullLibraryTrainer(Problem p, TrainConfig c) {
    super(p, c);
    x = keep(LibtorchRuntime.tensor(p.x(), n, d));
    y = targets(p, n, 1);
    LinearOptions options = keep(new LinearOptions(d, 1));
    options.bias().put(hasBias);
    model = keep(new LinearImpl(options));
    useParameters(keep(model.weight()), hasBias ? keep(model.bias()) : null); // handles to the module's own tensors
    loss = keep(new MSELossImpl());
    optimizer = keep(new SGD(keep(model.parameters()), keep(new SGDOptions(lr))));
    setParameters();
  }

  private void setParameters() {
    restoreParameters();
    optimizer.zero_grad();
  }

  @Override
  public float step() {
    checkOpen();
    try (PointerScope scope = new PointerScope()) {
      Tensor l = loss.forward(model.forward(x), y);
      backward(l);
      optimizer.step();
      optimizer.zero_grad();
      return l.item_float();
    }
  }

  @Override
  public void reset() {
    checkOpen();
    setParameters();
  }
}
