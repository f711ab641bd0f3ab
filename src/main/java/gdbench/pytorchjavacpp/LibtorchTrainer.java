package gdbench.pytorchjavacpp;

import gdbench.core.GdbenchException;
import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * What every libtorch trainer shares: the problem's sizes, the configuration, and the native
 * objects it keeps across steps ({@link #keep}), freed in {@link #close()}. Each step runs inside a
 * JavaCPP {@link PointerScope}, which frees every tensor handle the step made when it closes, as a
 * C++ scope would: nothing waits for the Java GC.
 */
abstract class LibtorchTrainer implements Trainer {
  protected final int n;
  protected final int d;
  protected final boolean hasBias;
  protected final GradientRule rule;
  protected final float lr;
  protected final float[] initialW;
  protected final float initialB;
  private final List<Pointer> kept = new ArrayList<>();
  private final Scalar lossScale; // N for the dot rule (see backward)
  protected Tensor w; // D (1×D in the Linear module), set by createParameters or useParameters
  protected Tensor b; // 1, only with a bias
  private boolean closed;

  LibtorchTrainer(Problem p, TrainConfig c) {
    LibtorchRuntime.start(c.threads());
    n = p.n();
    d = p.d();
    hasBias = c.bias();
    rule = c.rule();
    lr = c.lr();
    initialW = c.initialWeights(d);
    initialB = c.initialBias(d);
    lossScale = keep(new Scalar(rule.scale(n)));
  }

  /**
   * Back-propagates the MSE, or for the dot rule N·MSE: its gradient is N times the MSE's, the
   * tutorial's {@code np.dot(2*x, y_pred - y)}.
   */
  protected void backward(Tensor mse) {
    (rule.scale(n) == 1f ? mse : mse.mul(lossScale)).backward();
  }

  /** Keeps a native object until the trainer closes. */
  protected <P extends Pointer> P keep(P pointer) {
    kept.add(pointer);
    return pointer;
  }

  /** The parameters as tensors of their own, at their initial values, with autograd on when asked. */
  protected void createParameters(boolean requiresGrad) {
    Tensor weight = keep(LibtorchRuntime.tensor(initialW, d));
    Tensor bias = hasBias ? keep(LibtorchRuntime.tensor(new float[] {initialB}, 1)) : null;
    if (requiresGrad) {
      weight.set_requires_grad(true); // returns the same Java object (a reference to itself): not closed here
      if (bias != null) {
        bias.set_requires_grad(true);
      }
    }
    useParameters(weight, bias);
  }

  /** Parameters that belong to a module: handles to them, kept until the trainer closes. */
  protected void useParameters(Tensor weight, Tensor bias) {
    w = weight;
    b = bias;
  }

  /** Restores the initial parameters in place. */
  protected void restoreParameters() {
    assign(w, initialW);
    if (hasBias) {
      assign(b, new float[] {initialB});
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

  /** The features: an N-vector with one feature (ŷ = w·x element-wise, as the tutorial), else N×D. */
  protected Tensor design(Problem p) {
    return keep(d == 1 ? LibtorchRuntime.tensor(p.x(), n) : LibtorchRuntime.tensor(p.x(), n, d));
  }

  protected Tensor targets(Problem p, long... shape) {
    return keep(LibtorchRuntime.tensor(p.y(), shape.length == 0 ? new long[] {n} : shape));
  }

  /** ŷ = X·w: {@code x * w} for an N-vector, else {@code X.mv(w)}. */
  static Tensor forward(Tensor x, Tensor w) {
    return x.dim() == 1 ? x.mul(w) : x.mv(w);
  }

  /** Overwrites a tensor's values in place, outside autograd ({@code with torch.no_grad(): t.copy_(v)}). */
  static void assign(Tensor t, float[] values) {
    try (PointerScope scope = new PointerScope(); NoGradGuard noGrad = new NoGradGuard()) {
      t.copy_(LibtorchRuntime.tensor(values, t.sizes().vec().get()));
    }
  }

  protected void checkOpen() {
    if (closed) {
      throw new GdbenchException("pytorch-javacpp: the trainer was closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (int i = kept.size() - 1; i >= 0; i--) {
      kept.get(i).close();
    }
    kept.clear();
  }
}
