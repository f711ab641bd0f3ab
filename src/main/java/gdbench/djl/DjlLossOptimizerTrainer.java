package gdbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;

/**
 * The tutorial's third stage: the library's loss and optimizer around a hand-written forward pass.
 *
 * <pre>
 * loss = nn.MSELoss(); optimizer = torch.optim.SGD([w], lr=learning_rate)
 * l = loss(Y, forward(X)); l.backward(); optimizer.step(); optimizer.zero_grad()
 * </pre>
 *
 * <p>The loss is a DJL {@link ai.djl.training.loss.Loss} equal to the MSE ({@link DjlMseLoss}: what
 * {@code L2Loss} computes with weight 1, its default ½ giving half the MSE; {@code L2Loss} itself
 * is unsafe under autograd on the PyTorch engine, see there). {@code Optimizer.sgd()} with a fixed
 * rate is applied through its own {@code update}, which on the PyTorch engine subtracts
 * {@code lr·rescale·grad} and then zeroes the gradient (the tutorial's {@code zero_grad()}), so the
 * optimizer consumes the gradient and {@link #gradient()} has none to show.
 */
final class DjlLossOptimizerTrainer extends DjlTrainer {
  private final NDArray x; // N×D; N when D = 1
  private final NDArray y; // N
  private final NDArray w; // D, requires gradient
  private final NDArray b; // 1, requires gradient, only with a bias
  private final Loss loss = mse();
  private Optimizer optimizer;

  DjlLossOptimizerTrainer(Problem p, TrainConfig c) {
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
    optimizer = sgd(c, n);
  }

  /** The MSE as a DJL loss: {@code L2Loss} at weight 1, without its unsafe multiplication by a Number. */
  static Loss mse() {
    return new DjlMseLoss();
  }

  /**
   * Plain SGD at a fixed rate. The dot rule's gradient is N times the MSE's: the optimizer's own
   * {@code rescaleGrad} multiplies the gradient by {@code rule.scale(n)} before the update, the
   * same as back-propagating N·MSE, while the loss it reports stays the MSE.
   */
  static Optimizer sgd(TrainConfig c, int n) {
    return Optimizer.sgd().setLearningRateTracker(Tracker.fixed(c.lr())).setRescaleGrad(c.rule().scale(n)).build();
  }

  @Override
  public float step() {
    checkOpen();
    try (NDManager stepManager = manager.newSubManager()) {
      if (hasBias) {
        stepManager.tempAttachAll(x, y, w, b);
      } else {
        stepManager.tempAttachAll(x, y, w);
      }
      NDArray l;
      try (GradientCollector collector = engine.newGradientCollector()) {
        NDArray yHat = forward(x, w);
        if (hasBias) {
          yHat = yHat.add(b);
        }
        l = loss.evaluate(new NDList(y), new NDList(yHat));
        collector.backward(l);
      }
      optimizer.update("w", w, w.getGradient());
      if (hasBias) {
        optimizer.update("b", b, b.getGradient());
      }
      return scalar(l);
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
  public void reset() {
    checkOpen();
    assign(w, initialW);
    JniUtils.zeroGrad((PtNDArray) w);
    if (hasBias) {
      assign(b, new float[] {initialB});
      JniUtils.zeroGrad((PtNDArray) b);
    }
    optimizer = sgd(config, n); // a fresh optimizer: no update counts, no state
  }
}
