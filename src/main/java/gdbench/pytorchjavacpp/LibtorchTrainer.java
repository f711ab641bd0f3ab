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
  }

  /** Keeps a native object until the trainer closes. */
  protected <P extends Pointer> P keep(P pointer) {
    kept.add(pointer);
    return pointer;
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
