package gdbench.tensorflow;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The tutorial's numpy step written as graph ops, the gradient by hand:
 *
 * <pre>
 * l = mean((y_pred - y)**2)
 * dw = mean(2*x*(y_pred - y))        # or np.dot(2*x, y_pred - y): a sum
 * w -= learning_rate * dw            # tf.assignSub
 * </pre>
 */
final class TensorflowManualTrainer extends TensorflowTrainer {

  TensorflowManualTrainer(Problem p, TrainConfig c) {
    super(p, c);
    Operand<TFloat32> r = tf.math.sub(yHat, y);
    Operand<TFloat32> loss = tf.math.mean(tf.math.square(r), tf.constant(0));
    Operand<TFloat32> two = tf.constant(2f);
    // 2·x·r per sample and feature: N, or N×D with r as a column
    Operand<TFloat32> terms = d == 1 ? tf.math.mul(tf.math.mul(two, x), r)
        : tf.math.mul(tf.math.mul(two, x), tf.reshape(r, tf.constant(new long[] {n, 1})));
    Operand<TFloat32> rTerms = tf.math.mul(two, r);
    boolean mean = rule == GradientRule.MEAN;
    Operand<TFloat32> dw = asVector(mean ? tf.math.mean(terms, tf.constant(0)) : tf.reduceSum(terms, tf.constant(0)), d);
    Operand<TFloat32> db = hasBias ? asVector(mean ? tf.math.mean(rTerms, tf.constant(0)) : tf.reduceSum(rTerms, tf.constant(0)), 1) : null;
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
