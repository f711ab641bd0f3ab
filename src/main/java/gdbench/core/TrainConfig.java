package gdbench.core;

/**
 * How to train: the tutorial's defaults are {@link #tutorial()} (lr 0.01, 10 epochs, mean rule,
 * no bias, zero initial weights, one thread, CPU).
 *
 * @param lr learning rate, a positive finite number
 * @param epochs number of full-batch steps, at least 1
 * @param rule how the gradient is formed
 * @param bias whether the model has a bias term
 * @param init initial weights
 * @param threads native threads a backend may use (1 unless scaling is being measured)
 * @param device where to run
 */
public record TrainConfig(
    float lr, int epochs, GradientRule rule, boolean bias, Init init, int threads, Device device) {

  public TrainConfig {
    if (!(lr > 0) || Float.isInfinite(lr)) {
      throw new GdbenchException("learning rate must be a positive finite number, got " + lr);
    }
    if (epochs < 1) {
      throw new GdbenchException("epochs must be at least 1, got " + epochs);
    }
    if (threads < 1) {
      throw new GdbenchException("threads must be at least 1, got " + threads);
    }
    if (rule == null || init == null || device == null) {
      throw new IllegalArgumentException("rule, init and device are required");
    }
  }

  public static TrainConfig tutorial() {
    return new TrainConfig(0.01f, 10, GradientRule.MEAN, false, Init.zeros(), 1, Device.CPU);
  }

  public TrainConfig withLr(float value) {
    return new TrainConfig(value, epochs, rule, bias, init, threads, device);
  }

  public TrainConfig withEpochs(int value) {
    return new TrainConfig(lr, value, rule, bias, init, threads, device);
  }

  public TrainConfig withRule(GradientRule value) {
    return new TrainConfig(lr, epochs, value, bias, init, threads, device);
  }

  public TrainConfig withBias(boolean value) {
    return new TrainConfig(lr, epochs, rule, value, init, threads, device);
  }

  public TrainConfig withInit(Init value) {
    return new TrainConfig(lr, epochs, rule, bias, value, threads, device);
  }

  public TrainConfig withThreads(int value) {
    return new TrainConfig(lr, epochs, rule, bias, init, value, device);
  }

  public TrainConfig withDevice(Device value) {
    return new TrainConfig(lr, epochs, rule, bias, init, threads, value);
  }

  /** Initial weights for a problem with {@code d} features. */
  public float[] initialWeights(int d) {
    return init.weights(d);
  }

  /** Initial bias; 0 when the model has none. */
  public float initialBias(int d) {
    return bias ? init.bias(d) : 0f;
  }
}
