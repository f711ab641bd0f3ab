package gdbench.tensorflow;

import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.types.TFloat32;

/**
 * The tutorial's second stage: the gradient from the graph ({@code tf.gradients}), the update by
 * hand ({@code tf.assignSub}, as {@code with torch.no_grad(): w -= lr * w.grad}). The dot rule
 * differentiates N·MSE.
 */
final class TensorflowAutogradTrainer extends TensorflowTrainer {

  TensorflowAutogradTrainer(Problem p, TrainConfig c) {
    super(p, c);
    Operand<TFloat32> loss = tf.math.mean(tf.math.square(tf.math.sub(yHat, y)), tf.constant(0));
    float scale = rule.scale(n);
    Operand<TFloat32> objective = scale == 1f ? loss : tf.math.mul(tf.constant(scale), loss);
    Gradients g = tf.gradients(objective, hasBias ? List.of(w, b) : List.of(w));
    Operand<TFloat32> dw = g.dy(0);
    Operand<TFloat32> db = hasBias ? g.dy(1) : null;
    Ops after = afterLoss(loss);
    Operand<TFloat32> rate = tf.constant(lr);
    List<Op> updates = new ArrayList<>();
    updates.add(after.assignSub(w, after.math.mul(rate, dw)));
    if (hasBias) {
      updates.add(after.assignSub(b, after.math.mul(rate, db)));
    }
    finish(loss, dw, db, updates, c.threads());
  }
}
