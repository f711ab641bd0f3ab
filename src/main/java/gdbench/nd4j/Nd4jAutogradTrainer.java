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
  private float[] gradW;
  private float gradB = Float.NaN;
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
    gradW = new float[graph.d];
  }

  @Override
  public float step() {
    OutAndGrad result = graph.sd.calculateGradientsAndOutputs(graph.placeholders, outputs, graph.parameters);
    float loss = result.getOutputs().get(LOSS).getFloat(0) / lossScale;
    Map<String, INDArray> grads = result.getGradients();
    INDArray dw = grads.get(Nd4jLinearGraph.W);
    gradW = dw.toFloatVector();
    graph.w.getArr().subi(dw.muli(lr)); // w -= learning_rate * w.grad
    if (graph.hasBias) {
      INDArray db = grads.get(Nd4jLinearGraph.B);
      gradB = db.getFloat(0);
      graph.b.getArr().subi(db.muli(lr));
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
    return gradW.clone();
  }

  @Override
  public float biasGradient() {
    return graph.hasBias ? gradB : Float.NaN;
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
