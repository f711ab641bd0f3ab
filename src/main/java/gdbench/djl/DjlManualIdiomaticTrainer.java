package gdbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;

/**
 * The tutorial's numpy code translated op for op into {@code NDArray} calls, the obvious way: a new
 * array per operation, {@code pow(2)} for {@code **2}, Java numbers as operands, {@code getFloat()}
 * to read the loss, and the scoping DJL's memory guide recommends (a sub-manager per step that
 * borrows the inputs with {@code tempAttachAll}, so that nothing leaks). What this costs next to
 * {@link DjlManualTunedTrainer} is the finding.
 *
 * <pre>
 * y_pred = forward(X)                          # w * x (+ b)
 * l = loss(Y, y_pred)                          # ((y_pred - y)**2).mean()
 * dw = gradient(X, Y, y_pred)                  # mean(2*x*(y_pred - y)), or np.dot(2*x, y_pred - y)
 * w -= learning_rate * dw
 * </pre>
 */
final class DjlManualIdiomaticTrainer extends DjlTrainer {
  private final NDArray x; // N×D; N when D = 1, as in the tutorial
  private final NDArray y; // N
  private final NDArray w; // D
  private final NDArray b; // 1, only with a bias
  private NDArray lastGradW; // kept past its step for gradient()
  private NDArray lastGradB;

  DjlManualIdiomaticTrainer(Problem p, TrainConfig c) {
    super(p, c);
    x = design(manager, p);
    y = targets(manager, p);
    w = manager.create(initialW.clone(), new Shape(d));
    b = hasBias ? manager.create(new float[] {initialB}, new Shape(1)) : null;
  }

  @Override
  public float step() {
    checkOpen();
    closeLastGradients();
    try (NDManager stepManager = manager.newSubManager()) {
      if (hasBias) {
        stepManager.tempAttachAll(x, y, w, b);
      } else {
        stepManager.tempAttachAll(x, y, w);
      }
      // y_pred = forward(x) = w * x (X·w with several features)
      NDArray yPred = forward(x, w);
      if (hasBias) {
        yPred = yPred.add(b);
      }
      // l = loss(y, y_pred) = ((y_pred - y)**2).mean()
      NDArray l = yPred.sub(y).pow(2).mean();
      // dw = gradient(x, y, y_pred)
      NDArray dw;
      NDArray db = null;
      if (rule == GradientRule.MEAN) {
        // np.mean(2*x*(y_pred - y)), per feature
        dw = d == 1 ? x.mul(2).mul(yPred.sub(y)).mean() : x.mul(2).mul(yPred.sub(y).reshape(n, 1)).mean(new int[] {0});
        if (hasBias) {
          db = yPred.sub(y).mul(2).mean();
        }
      } else {
        // np.dot(2*x, y_pred - y): the tutorial's first attempt, N times the mean gradient
        dw = d == 1 ? x.mul(2).dot(yPred.sub(y)) : x.mul(2).transpose().matMul(yPred.sub(y));
        if (hasBias) {
          db = yPred.sub(y).mul(2).sum();
        }
      }
      // w -= learning_rate * dw
      w.subi(dw.mul(lr));
      if (hasBias) {
        b.subi(db.mul(lr));
      }
      float loss = l.getFloat();
      lastGradW = stepManager.ret(dw);
      lastGradB = db == null ? null : stepManager.ret(db);
      return loss;
    }
  }

  private void closeLastGradients() {
    if (lastGradW != null) {
      lastGradW.close();
      lastGradW = null;
    }
    if (lastGradB != null) {
      lastGradB.close();
      lastGradB = null;
    }
  }

  @Override
  public float[] weights() {
    checkOpen();
    return w.toFloatArray();
  }

  @Override
  public float bias() {
    checkOpen();
    return hasBias ? b.toFloatArray()[0] : 0f;
  }

  @Override
  public float[] gradient() {
    return lastGradW == null ? null : lastGradW.toFloatArray();
  }

  @Override
  public float biasGradient() {
    return lastGradB == null ? Float.NaN : lastGradB.toFloatArray()[0];
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
