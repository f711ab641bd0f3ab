package gdbench.pytorchjavacpp;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;

/**
 * The tutorial's numpy code translated op for op into libtorch calls, as the C++ API's examples
 * write tensor arithmetic: a new tensor per operation, {@code pow(2)} for {@code **2}, scalars as
 * operands, {@code item()} to read the loss; one {@link PointerScope} a step frees the handles.
 *
 * <pre>
 * y_pred = forward(X); l = ((y_pred - y)**2).mean()
 * dw = mean(2*x*(y_pred - y))   # or np.dot(2*x, y_pred - y)
 * w -= learning_rate * dw
 * </pre>
 */
final class LibtorchManualIdiomaticTrainer extends LibtorchTrainer {
  private final Tensor x;
  private final Tensor y;
  private final HeldGradients last = new HeldGradients(); // dw and db of the last step

  LibtorchManualIdiomaticTrainer(Problem p, TrainConfig c) {
    super(p, c);
    x = design(p);
    y = targets(p);
    createParameters(false);
  }

  @Override
  public float step() {
    checkOpen();
    try (PointerScope scope = new PointerScope()) {
      Tensor yPred = forward(x, w);
      if (hasBias) {
        yPred = yPred.add(b);
      }
      Tensor l = yPred.sub(y).pow(new Scalar(2)).mean();
      Tensor dw;
      Tensor db = null;
      if (rule == GradientRule.MEAN) {
        dw = d == 1 ? x.mul(new Scalar(2)).mul(yPred.sub(y)).mean()
            : x.mul(new Scalar(2)).mul(yPred.sub(y).reshape(n, 1)).mean(0);
        if (hasBias) {
          db = yPred.sub(y).mul(new Scalar(2)).mean();
        }
      } else {
        dw = d == 1 ? x.mul(new Scalar(2)).dot(yPred.sub(y)) : x.mul(new Scalar(2)).t().mv(yPred.sub(y));
        if (hasBias) {
          db = yPred.sub(y).mul(new Scalar(2)).sum();
        }
      }
      w.sub_(dw.mul(new Scalar(lr)));
      if (hasBias) {
        b.sub_(db.mul(new Scalar(lr)));
      }
      float loss = l.item().toFloat();
      last.hold(dw, db);
      return loss;
    }
  }

  @Override
  public float[] gradient() {
    return last.weight(1f);
  }

  @Override
  public float biasGradient() {
    return last.bias(1f);
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
