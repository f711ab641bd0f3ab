package gdbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The mean squared error as a DJL {@link Loss}: {@code mean((label − prediction)²)}, what DJL's
 * {@code L2Loss} computes with weight 1 (its default weight ½ gives half the MSE), less that
 * loss's final multiplication by the weight.
 *
 * <p>Why not {@code Loss.l2Loss("mse", 1)} itself: {@code L2Loss} multiplies by its weight with
 * {@code NDArray.mul(Number)}, and DJL's PyTorch engine turns a {@code Number} into a 0-dim tensor
 * over a Java direct buffer ({@code from_blob}) and closes it as soon as the operation returns.
 * PyTorch's autograd keeps that tensor for the backward pass ({@code MulBackward} saves the other
 * operand), but nothing on the Java side keeps the buffer: a garbage collection between the
 * forward and the backward pass frees it, and {@code backward()} then reads freed memory. With a
 * GC and some direct allocations forced between the two, 30 of 30 trials gave gradients of
 * 1e31, 1e-44 or -0.0013 instead of 30; unforced, it showed once as a non-finite loss in a timing
 * run of the loss-optimizer stage. Every operand in a recorded graph must therefore be an array
 * that outlives the backward pass; this loss uses none but its inputs.
 */
final class DjlMseLoss extends Loss {

  DjlMseLoss() {
    super("mse");
  }

  @Override
  public NDArray evaluate(NDList label, NDList prediction) {
    NDArray pred = prediction.singletonOrThrow();
    NDArray labelReshaped = label.singletonOrThrow().reshape(pred.getShape());
    return labelReshaped.sub(pred).square().mean();
  }
}
