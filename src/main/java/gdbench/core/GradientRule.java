package gdbench.core;

/**
 * How the gradient is formed from the residuals r = ŷ − y.
 *
 * <p>{@link #MEAN} is the gradient of the mean squared error, (2/N)·Xᵀr. {@link #DOT} is the
 * tutorial's first attempt, {@code np.dot(2*x, y_hat-y).mean()}: 2·Xᵀr, the gradient of the
 * <em>sum</em> of squared errors, N times larger. It "converges faster" on the tutorial's four
 * samples only because its step is four times larger; on larger N it diverges.
 */
public enum GradientRule {
  MEAN("mean"),
  DOT("dot");

  private final String id;

  GradientRule(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /**
   * The factor by which this rule's gradient exceeds the MSE gradient: 1 for mean, N for dot.
   * Library stages whose loss is the MSE scale it (or the learning rate) by this to follow the rule.
   */
  public float scale(int n) {
    return this == MEAN ? 1f : n;
  }

  public static GradientRule parse(String text) {
    for (GradientRule r : values()) {
      if (r.id.equals(text)) {
        return r;
      }
    }
    throw new GdbenchException("unknown gradient rule '" + text + "' (known: mean, dot)");
  }

  @Override
  public String toString() {
    return id;
  }
}
