package gdbench.nd4j;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The full-library stage: a DL4J {@link MultiLayerNetwork} with one {@link OutputLayer} (identity
 * activation, MSE loss, with or without a bias) and the {@code Sgd} updater, fitted on the whole
 * batch once per step. The parameters DL4J initialised are overwritten with the configured ones.
 *
 * <p>DL4J's MSE is the per-example squared error divided by the number of outputs (1 here), summed
 * over the batch and, with {@code miniBatch(true)} (the default), divided by the batch size in both
 * the score and the gradient: the tutorial's mean loss and (2/N)·Xᵀr. The dot rule's gradient is
 * N times that, the gradient of the sum: {@code miniBatch(false)} is DL4J's own switch for exactly
 * that (no division by the batch size). Its score is then the sum of squared errors, which the
 * trainer divides by N to report the MSE.
 */
final class Nd4jFullLibraryTrainer implements Trainer {
  private static final String W = "0_W";
  private static final String B = "0_b";

  private final int d;
  private final boolean hasBias;
  private final float lossScale;
  private final float[] initialW;
  private final float initialB;
  private final INDArray x; // [n, d]
  private final INDArray y; // [n, 1]
  private final MultiLayerNetwork net;
  private boolean closed;

  Nd4jFullLibraryTrainer(Problem problem, TrainConfig config) {
    d = problem.d();
    hasBias = config.bias();
    lossScale = config.rule().scale(problem.n());
    initialW = config.initialWeights(d);
    initialB = config.initialBias(d);
    x = Nd4j.create(problem.x(), new long[] {problem.n(), d}, 'c');
    y = Nd4j.create(problem.y(), new long[] {problem.n(), 1}, 'c');

    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .dataType(DataType.FLOAT)
        .updater(new Sgd(config.lr()))
        .miniBatch(config.rule() == GradientRule.MEAN)
        .list()
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
            .nIn(d)
            .nOut(1)
            .activation(Activation.IDENTITY)
            .hasBias(hasBias)
            .build())
        .build();
    net = new MultiLayerNetwork(conf);
    net.init();
    setInitialParameters();
  }

  private void setInitialParameters() {
    net.getParam(W).assign(Nd4j.create(initialW, new long[] {d, 1}, 'c'));
    if (hasBias) {
      net.getParam(B).assign(initialB);
    }
  }

  @Override
  public float step() {
    net.fit(x, y);
    return (float) (net.score() / lossScale); // the score of the forward pass, before the update
  }

  @Override
  public float[] weights() {
    return net.getParam(W).toFloatVector();
  }

  @Override
  public float bias() {
    return hasBias ? net.getParam(B).getFloat(0) : 0f;
  }

  /**
   * Restores the parameters. {@code Sgd} keeps no updater state; the iteration and epoch counters
   * (read by schedules) restart at zero.
   */
  @Override
  public void reset() {
    setInitialParameters();
    net.setIterationCount(0);
    net.setEpochCount(0);
  }

  /** DL4J's close frees the parameters, gradients, updater state and this thread's workspaces. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      net.close();
      x.close();
      y.close();
    }
  }
}
