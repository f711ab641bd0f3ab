package gdbench.djl;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.initializer.Initializer;
import gdbench.core.GdbenchException;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;

/**
 * The tutorial's fourth stage: the library's model, loss, optimizer and training step.
 *
 * <pre>
 * model = nn.Linear(D, 1); loss = nn.MSELoss(); optimizer = torch.optim.SGD(model.parameters(), lr)
 * l = loss(Y, model(X)); l.backward(); optimizer.step(); optimizer.zero_grad()
 * </pre>
 *
 * <p>A {@link Model} holds a {@link Linear} block of one unit (bias on unless the configuration
 * turns it off, as with {@code nn.Linear}); a {@link DefaultTrainingConfig} carries the MSE loss
 * ({@link DjlMseLoss}) and {@code Optimizer.sgd()} of {@link DjlLossOptimizerTrainer}; DJL's
 * {@link ai.djl.training.Trainer} runs the forward pass, and its {@code step()} applies the
 * optimizer to every parameter (which zeroes the gradients on PyTorch). One batch is the whole
 * data: the step is written out as DJL's {@code EasyTrain.trainBatch} does it, less its batch
 * splitting and listener bookkeeping, so that the loss can be returned. Whatever the library
 * initialised, the parameters are overwritten with the configured initial values.
 *
 * <p>{@link #reset()} restores the parameters; the optimizer, SGD without momentum at a fixed rate,
 * keeps no state that changes an update (only a count of updates, which a fixed rate ignores).
 */
final class DjlFullLibraryTrainer extends DjlTrainer {
  private final NDArray x; // N×D
  private final NDArray y; // N×1, the shape of the model's output
  private final Model model;
  private final ai.djl.training.Trainer trainer;
  private final Parameter weight; // 1×D
  private final Parameter biasParameter; // 1, or null without a bias

  DjlFullLibraryTrainer(Problem p, TrainConfig c) {
    super(p, c);
    x = features(manager, p);
    y = manager.create(p.y(), new Shape(n, 1));
    ai.djl.Device device = DjlEngine.device(c.device());
    Model m = Model.newInstance("gdbench-linear", device, DjlEngine.ENGINE);
    ai.djl.training.Trainer t = null;
    try {
      Linear block = Linear.builder().setUnits(1).optBias(hasBias).build();
      m.setBlock(block);
      DefaultTrainingConfig trainingConfig = new DefaultTrainingConfig(DjlLossOptimizerTrainer.mse())
          .optOptimizer(DjlLossOptimizerTrainer.sgd(c, n))
          .optDevices(new ai.djl.Device[] {device})
          .optInitializer(Initializer.ZEROS, Parameter.Type.WEIGHT); // overwritten below: no random draw
      t = m.newTrainer(trainingConfig);
      t.initialize(new Shape(n, d));
      weight = block.getParameters().get("weight");
      biasParameter = hasBias ? block.getParameters().get("bias") : null;
    } catch (RuntimeException e) {
      if (t != null) {
        t.close();
      }
      m.close();
      manager.close();
      throw e;
    }
    model = m;
    trainer = t;
    setParameters();
  }

  private void setParameters() {
    assign(weight.getArray(), initialW);
    JniUtils.zeroGrad((PtNDArray) weight.getArray());
    if (hasBias) {
      assign(biasParameter.getArray(), new float[] {initialB});
      JniUtils.zeroGrad((PtNDArray) biasParameter.getArray());
    }
  }

  @Override
  public float step() {
    checkOpen();
    float loss;
    try (NDManager stepManager = manager.newSubManager()) {
      stepManager.tempAttachAll(x, y); // the forward pass's arrays land in the step's manager
      try (GradientCollector collector = trainer.newGradientCollector()) {
        NDList prediction = trainer.forward(new NDList(x));
        NDArray l = trainer.getLoss().evaluate(new NDList(y), prediction);
        collector.backward(l);
        loss = scalar(l);
      }
      try {
        trainer.step();
      } catch (IllegalStateException e) {
        // DJL checks once, on the first step, that some gradient is non-zero
        throw new GdbenchException("djl: " + GdbenchException.rootMessage(e), e);
      }
    }
    return loss;
  }

  @Override
  public float[] weights() {
    checkOpen();
    return floats(weight.getArray());
  }

  @Override
  public float bias() {
    checkOpen();
    return hasBias ? scalar(biasParameter.getArray()) : 0f;
  }

  @Override
  public void reset() {
    checkOpen();
    setParameters();
  }

  @Override
  protected void closeExtra() {
    try {
      trainer.close();
    } finally {
      model.close();
    }
  }
}
