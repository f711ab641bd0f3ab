package gdbench.tensorflow;

import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.framework.losses.MeanSquaredError;
import org.tensorflow.framework.optimizers.GradientDescent;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * The tutorial's third stage: the framework's {@code MeanSquaredError} loss and
 * {@code GradientDescent} optimizer around a hand-written forward pass; {@code minimize} builds
 * the gradient and the update into the graph. The dot rule minimises N·MSE. The optimizer
 * consumes the gradient, so {@link #gradient()} has none to show, as in the other libraries'
 * loss-optimizer cells.
 */
final class TensorflowLossOptimizerTrainer extends TensorflowTrainer {

  TensorflowLossOptimizerTrainer(Problem p, TrainConfig c) {
    super(p, c);
    Operand<TFloat32> loss = new MeanSquaredError().call(tf, y, yHat, null);
    float scale = rule.scale(n);
    Operand<TFloat32> objective = scale == 1f ? loss : tf.math.mul(tf.constant(scale), loss);
    Op minimize = new GradientDescent(graph, lr).minimize(objective);
    finish(loss, null, null, List.of(minimize), c.threads());
  }
}
