package gdbench.plain;

/**
 * numpy's pairwise summation of float32 ({@code pairwise_sum} in its loops): blocks of at most 128
 * values summed eight ways, halves added recursively. Rounding error grows with log N, not N.
 */
final class PairwiseSum {
  private static final int BLOCK = 128;

  private PairwiseSum() {}

  static float sum(float[] a, int n) {
    return sum(a, 0, n);
  }

  private static float sum(float[] a, int from, int n) {
    if (n < 8) {
      float res = 0;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    if (n <= BLOCK) {
      float r0 = a[from], r1 = a[from + 1], r2 = a[from + 2], r3 = a[from + 3];
      float r4 = a[from + 4], r5 = a[from + 5], r6 = a[from + 6], r7 = a[from + 7];
      int i = 8;
      for (; i < n - (n % 8); i += 8) {
        r0 += a[from + i];
        r1 += a[from + i + 1];
        r2 += a[from + i + 2];
        r3 += a[from + i + 3];
        r4 += a[from + i + 4];
        r5 += a[from + i + 5];
        r6 += a[from + i + 6];
        r7 += a[from + i + 7];
      }
      float res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    }
    int n2 = n / 2;
    n2 -= n2 % 8;
    return sum(a, from, n2) + sum(a, from + n2, n - n2);
  }
}
