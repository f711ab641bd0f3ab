package gdbench.nd4j;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.loss.LossReduce;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.evaluation.custom.CustomEvaluation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The loss-and-optimizer stage: SameDiff's own MSE loss as the loss variable, and the {@code Sgd}
 * updater through a {@link TrainingConfig}; each step is one {@code fit} on the whole batch. The
 * loss of the step (computed in the forward pass, before the update) comes from a listener.
 *
 * <p>{@code meanSquaredError} with {@link LossReduce#MEAN_BY_NONZERO_WEIGHT_COUNT} (and no weights)
 * is the mean of the squared errors, the tutorial's loss. For the dot rule (N times the mean's
 * gradient) the same loss is reduced with {@link LossReduce#SUM}, the sum of squared errors,
 * whose gradient is exactly 2·Xᵀr; the reported loss is divided by N so that it is the MSE.
 */
final class Nd4jLossOptimizerTrainer implements Trainer {
  private static final String LOSS = "loss";

  private final Nd4jLinearGraph graph;
  private final float lossScale;
  private final TrainingConfig training;
  private final DataSet batch;
  private final LossListener listener = new LossListener();
  private boolean closed;

  Nd4jLossOptimizerTrainer(Problem problem, TrainConfig config) {
    graph = new Nd4jLinearGraph(problem, config);
    lossScale = config.rule().scale(problem.n());
    LossReduce reduce = config.rule() == GradientRule.MEAN ? LossReduce.MEAN_BY_NONZERO_WEIGHT_COUNT : LossReduce.SUM;
    SDVariable loss = graph.sd.loss().meanSquaredError(LOSS, graph.y, graph.prediction, null, reduce);
    graph.sd.setLossVariables(loss);
    training = TrainingConfig.builder()
        .updater(new Sgd(config.lr()))
        .dataSetFeatureMapping(Nd4jLinearGraph.X)
        .dataSetLabelMapping(Nd4jLinearGraph.Y)
        // SameDiff 1.0.0-M2.1 computes only what the gradients need, and the MSE's backward op
        // needs the predictions, not the loss: the forward loss op never runs, and every listener
        // and History sees a loss of 0 (deeplearning4j issues #9684, #9806, #9853). A training
        // evaluation on the loss variable makes the session compute it in the same pass; fit on a
        // single DataSet never starts an epoch, so the evaluation itself is never called.
        .trainEvaluation(LOSS, 0, new CustomEvaluation<Double>((labels, value, mask, meta) -> null, CustomEvaluation.mergeConcatenate()))
        .build();
    graph.sd.setTrainingConfig(training);
    graph.createGradFunction();
    batch = new DataSet(graph.xData, graph.yData);
  }

  @Override
  public float step() {
    graph.sd.fit(batch, listener);
    return (float) (listener.loss / lossScale);
  }

  @Override
  public float[] weights() {
    return graph.weights();
  }

  @Override
  public float bias() {
    return graph.bias();
  }

  /**
   * Restores the parameters. {@code Sgd} keeps no state between steps (its updater has no state
   * array); the iteration and epoch counters, which schedules would read, restart at zero.
   */
  @Override
  public void reset() {
    graph.resetParameters();
    training.setIterationCount(0);
    training.setEpochCount(0);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      graph.close();
    }
  }

  /** Keeps the loss of the last training iteration. */
  private static final class LossListener extends BaseListener {
    double loss = Double.NaN;

    @Override
    public boolean isActive(Operation operation) {
      return operation == Operation.TRAINING;
    }

    @Override
    public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss l) {
      loss = l.totalLoss();
    }
  }
}
