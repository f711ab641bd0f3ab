package gdbench.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;

/**
 * The mean squared error as a DJL {@link Loss}: {@code mean((label − prediction)²)}, what DJL's
 * {@code L2Loss} computes with weight 1. Not {@code L2Loss} itself: it multiplies by a
 * {@code Number}, a temporary that DJL frees while autograd still needs it for the backward pass
 * (a use-after-free; docs/findings.md). Every operand here is one of the inputs.
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
