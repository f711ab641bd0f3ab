package gdbench.core;

/**
 * One epoch of a training run, in the tutorial's printing convention: the loss of the predictions
 * made before the epoch's update, the parameters after it, and the gradient used (null or NaN where
 * the library does not expose it).
 */
public record EpochRecord(int epoch, float loss, float[] weights, float bias, float[] gradient, float biasGradient) {}
