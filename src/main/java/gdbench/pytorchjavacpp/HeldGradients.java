package gdbench.pytorchjavacpp;

import org.bytedeco.pytorch.Tensor;

/**
 * The last step's gradient tensors, kept past the step's {@code PointerScope} (which would free
 * them) until the next step replaces them or the trainer closes: the tutorial prints {@code dw}.
 * Each is scaled by a factor when read (a tuned step keeps Σ r·x and folds the rule's factor in).
 */
final class HeldGradients implements AutoCloseable {
  private Tensor weight;
  private Tensor bias;

  /** Keeps these (retaining a reference each: the scope's release then leaves them alive), freeing the previous ones. */
  void hold(Tensor gw, Tensor gb) {
    close();
    weight = gw.retainReference();
    bias = gb == null ? null : gb.retainReference();
  }

  float[] weight(float scale) {
    if (weight == null) {
      return null;
    }
    float[] g = LibtorchRuntime.floats(weight);
    for (int j = 0; j < g.length; j++) {
      g[j] *= scale;
    }
    return g;
  }

  float bias(float scale) {
    return bias == null ? Float.NaN : scale * LibtorchRuntime.floats(bias)[0];
  }

  @Override
  public void close() {
    if (weight != null) {
      weight.close();
      weight = null;
    }
    if (bias != null) {
      bias.close();
      bias = null;
    }
  }
}
