package gdbench.stats;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Holm's step-down correction: of m hypotheses, the one with the k-th smallest p-value is tested at
 * α/(m − k + 1), and the procedure stops at the first that fails. It keeps the chance of any false
 * finding among all m at α, which is what a gate that fails a build on one finding needs, and is
 * uniformly more powerful than Bonferroni's α/m.
 *
 * @param alpha the family-wise error rate
 * @param rejected per hypothesis, whether it is rejected
 * @param level per hypothesis, the α it was tested at: its own step for a rejected one; for the
 *     others, the step at which the procedure stopped, at which none of them is rejected either.
 *     An interval of confidence 1 − level is the one to print beside the verdict.
 */
public record Holm(double alpha, boolean[] rejected, double[] level) {

  public static Holm of(double[] p, double alpha) {
    int m = p.length;
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> p[i]).thenComparingInt(i -> i));
    boolean[] rejected = new boolean[m];
    double[] level = new double[m];
    double stop = Double.NaN;
    for (int k = 0; k < m; k++) {
      int i = order[k];
      double at = alpha / (m - k);
      if (Double.isNaN(stop) && p[i] <= at) {
        rejected[i] = true;
        level[i] = at;
      } else {
        if (Double.isNaN(stop)) {
          stop = at;
        }
        level[i] = stop;
      }
    }
    return new Holm(alpha, rejected, level);
  }

  public int count() {
    int n = 0;
    for (boolean r : rejected) {
      n += r ? 1 : 0;
    }
    return n;
  }
}
