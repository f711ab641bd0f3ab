package gdbench.ojalgo;

import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import org.ojalgo.ann.ArtificialNeuralNetwork;
import org.ojalgo.ann.NetworkInvoker;
import org.ojalgo.ann.NetworkTrainer;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R032Store;

/**
 * The full-library stage with ojAlgo's neural network: one calculation layer of D inputs and one
 * output with the identity activator, float32 stores, and a {@code NetworkTrainer} whose batch is
 * the whole data set, so each {@code train} call is one full-batch gradient-descent step.
 *
 * <p>How it is made the tutorial's step:
 * <ul>
 *   <li>ojAlgo's error for this layer is half the <em>sum</em> of squared errors, whose gradient is
 *       Xᵀr: the rate given to the trainer is lr·2/N for the mean rule (the MSE's gradient is
 *       (2/N)·Xᵀr) and lr·2 for the dot rule.
 *   <li>Every layer has a bias, and ojAlgo has no switch to freeze it. Without a bias the trainer
 *       sets it back to zero after each step; the weights' update in a step does not read the bias,
 *       so the trajectory is exactly that of a model without one.
 *   <li>The trainer reports no error. The loss before the update is the library's own
 *       {@code Error.HALF_SQUARED_DIFFERENCE} of a {@code NetworkInvoker}'s prediction, times 2/N:
 *       a second forward pass per step, which is what asking this library for the loss costs.
 *   <li>ojAlgo adds each sample's contribution to the float32 weights one at a time. At a million
 *       samples a contribution is smaller than the weight's rounding step, so the steps come out
 *       short and the trajectory lags plain's (it still converges); up to thousands it follows.
 * </ul>
 * The gradient itself stays inside ojAlgo: {@link #gradient()} is null.
 */
final class OjalgoFullLibraryTrainer implements Trainer {
  private final NetworkTrainer trainer;
  private final NetworkInvoker invoker;
  private final ArtificialNeuralNetwork network;
  private final R032Store x; // N×D, the trainer's input batch
  private final R032Store y; // N×1, the targets
  private final float[] initialW;
  private final float initialB;
  private final boolean hasBias;
  private final int n;
  private final int d;

  OjalgoFullLibraryTrainer(Problem p, TrainConfig c) {
    n = p.n();
    d = p.d();
    R032Store xT = R032Store.wrap(p.x().clone(), d); // row-major X is column-major Xᵀ
    x = d == 1 ? R032Store.wrap(xT.data, n) : R032Store.FACTORY.transpose(xT);
    y = R032Store.wrap(p.y().clone());
    network = ArtificialNeuralNetwork.builder(R032Store.FACTORY, d).layer(1, ArtificialNeuralNetwork.Activator.IDENTITY).get();
    double rate = 2.0 * c.lr() * c.rule().scale(n) / n;
    trainer = network.newTrainer(n).rate(rate).error(ArtificialNeuralNetwork.Error.HALF_SQUARED_DIFFERENCE);
    invoker = network.newInvoker(n);
    initialW = c.initialWeights(d);
    initialB = c.initialBias(d);
    hasBias = c.bias();
    reset();
  }

  @Override
  public float step() {
    MatrixStore<Double> prediction = invoker.invoke(x);
    double loss = 2.0 * ArtificialNeuralNetwork.Error.HALF_SQUARED_DIFFERENCE.invoke(y, prediction) / n;
    trainer.train(x, y);
    if (!hasBias) {
      trainer.bias(0, 0, 0.0);
    }
    return (float) loss;
  }

  @Override
  public float[] weights() {
    float[] w = new float[d];
    for (int j = 0; j < d; j++) {
      w[j] = (float) network.getWeight(0, j, 0);
    }
    return w;
  }

  @Override
  public float bias() {
    return (float) network.getBias(0, 0); // held at zero without a bias
  }

  @Override
  public void reset() {
    for (int j = 0; j < d; j++) {
      trainer.weight(0, j, 0, initialW[j]);
    }
    trainer.bias(0, 0, initialB);
  }
}
