package gdbench.nd4j;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The autograd stage: SameDiff builds the graph (prediction and loss) once, computes the loss and
 * the gradients with {@code calculateGradientsAndOutputs} each step (one forward and one backward
 * pass), and the update is written by hand, as the tutorial's {@code w -= learning_rate * w.grad}.
 * SameDiff returns fresh gradient arrays each call, so there is nothing to zero.
 *
 * <p>The loss is the tutorial's {@code ((y_pred - y)**2).mean()} for the mean rule. For the dot rule
 * (2·Xᵀr, N times the mean's gradient) it is the <em>sum</em> of squared errors, whose gradient is
 * exactly that; the loss reported is then divided by N, so it is the MSE in both cases.
 */
final class Nd4jAutogradTrainer implements Trainer {
  private static final String LOSS = "loss";

  private final Nd4jLinearGraph graph;
  private final float lr;
  private final float lossScale;
  private final List<String> outputs = List.of(LOSS);
  private INDArray lastGradW; // the last step's gradients as SameDiff returned them, read only by gradient()
  private INDArray lastGradB;
  private boolean closed;

  Nd4jAutogradTrainer(Problem problem, TrainConfig config) {
    graph = new Nd4jLinearGraph(problem, config);
    lr = config.lr();
    lossScale = config.rule().scale(problem.n());
    SDVariable error = graph.prediction.sub(graph.y);
    SDVariable squares = error.mul(error);
    SDVariable loss = config.rule() == GradientRule.MEAN ? squares.mean(LOSS) : squares.sum(LOSS);
    graph.sd.setLossVariables(loss);
    graph.createGradFunction();
  }

  @Override
  public float step() {
    OutAndGrad result = graph.sd.calculateGradientsAndOutputs(graph.placeholders, outputs, graph.parameters);
    float loss = result.getOutputs().get(LOSS).getFloat(0) / lossScale;
    Map<String, INDArray> grads = result.getGradients();
    // The gradients stay native until gradient() asks for them, as in DJL: no copy to Java per
    // step. They are fresh arrays each call, so keeping them is safe; the update scales a new
    // array (the tutorial's lr * w.grad, DJL's mul) instead of scaling the kept gradient in place.
    lastGradW = grads.get(Nd4jLinearGraph.W);
    graph.w.getArr().subi(lastGradW.mul(lr)); // w -= learning_rate * w.grad
    if (graph.hasBias) {
      lastGradB = grads.get(Nd4jLinearGraph.B);
      graph.b.getArr().subi(lastGradB.mul(lr));
    }
    return loss;
  }

  @Override
  public float[] weights() {
    return graph.weights();
  }

  @Override
  public float bias() {
    return graph.bias();
  }

  @Override
  public float[] gradient() {
    return lastGradW == null ? new float[graph.d] : lastGradW.toFloatVector();
  }

  @Override
  public float biasGradient() {
    return !graph.hasBias ? Float.NaN : lastGradB == null ? Float.NaN : lastGradB.getFloat(0);
  }

  @Override
  public void reset() {
    graph.resetParameters();
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      graph.close();
    }
  }
}
