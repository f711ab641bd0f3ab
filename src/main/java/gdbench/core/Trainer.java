package gdbench.core;

/**
 * One backend, one stage, one problem, one configuration: the unit every benchmark and every
 * convergence run drives. The data is converted into the library's arrays when the trainer is
 * built, never inside {@link #step()}.
 *
 * <p>The model is {@code ŷ = X·w (+ b)}, the loss {@code mean((ŷ − y)²)}, and each step is one
 * full-batch gradient-descent update with the configured rule and learning rate.
 */
public interface Trainer extends AutoCloseable {

  /** One full-batch step: prediction, loss, gradient, update. Returns the loss before the update. */
  float step();

  /** A copy of the current weights, D values. */
  float[] weights();

  /** The current bias; 0 when the model has no bias. */
  float bias();

  /**
   * The weight gradient used by the last step (D values), or null where the library keeps it
   * internal. The tutorial prints it as {@code dw}.
   */
  default float[] gradient() {
    return null;
  }

  /** The bias gradient of the last step, or NaN where unavailable or the model has no bias. */
  default float biasGradient() {
    return Float.NaN;
  }

  /**
   * Restores the initial parameters (and any optimizer state), keeping the converted data, so that
   * a benchmark can measure the same work in every iteration.
   */
  void reset();

  /** Releases native memory. Idempotent. */
  @Override
  default void close() {}
}
