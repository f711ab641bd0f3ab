package gdbench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogRatioTest {
  @Test
  void welchOnLogarithms() {
    // difference 1, variances 0.01 each, se = sqrt(2 * 0.01 / 3) = 0.08165, df = 4, t(4, 0.975) = 2.7764
    LogRatio r = LogRatio.of(new double[] {0, 0.1, 0.2}, new double[] {1, 1.1, 1.2});
    assertEquals(1, r.difference(), 1e-12);
    assertEquals(Math.E, r.ratio(), 1e-12);
    assertEquals(0.081650, r.se(), 1e-6);
    assertEquals(4, r.df(), 1e-9);
    double[] ci = r.interval(0.95);
    assertEquals(Math.exp(1 - 2.7764 * 0.081650), ci[0], 1e-3);
    assertEquals(Math.exp(1 + 2.7764 * 0.081650), ci[1], 1e-3);
    assertEquals(0.1, r.pooledSd(), 1e-12);
    assertEquals(1, r.pBeyond(1), 1e-12, "a change of exactly the threshold is not beyond it");
    assertEquals(0.00361, r.pBeyond(0.5), 2e-4);
  }

  @Test
  void unequalVariancesGiveWelchsDegreesOfFreedom() {
    LogRatio r = LogRatio.of(new double[] {0, 0.01, 0.02, 0.03}, new double[] {0, 0.5, 1.0});
    // sa = 1.6667e-4 / 4, sb = 0.25 / 3: df close to nB - 1 = 2
    assertTrue(r.df() > 2 && r.df() < 2.01, "df " + r.df());
  }

  /** The p-value is at most α exactly when the 1 − α interval lies beyond ±delta: the verdict and the printed interval agree. */
  @Test
  void thePValueAgreesWithTheInterval() {
    SplittableRandom random = new SplittableRandom(3);
    for (int k = 0; k < 2000; k++) {
      double[] a = new double[3 + random.nextInt(5)];
      double[] b = new double[3 + random.nextInt(5)];
      double shift = 0.3 * random.nextGaussian();
      for (int i = 0; i < a.length; i++) {
        a[i] = 0.05 * random.nextGaussian();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = shift + 0.05 * random.nextGaussian();
      }
      LogRatio r = LogRatio.of(a, b);
      double delta = Math.log(1.1);
      double alpha = 0.001 + 0.05 * random.nextDouble();
      double[] ci = r.interval(1 - alpha);
      boolean beyond = Math.log(ci[0]) > delta || Math.log(ci[1]) < -delta;
      double p = r.pBeyond(delta);
      if (Math.abs(p - alpha) > 1e-9) {
        assertEquals(beyond, p < alpha, "p " + p + " alpha " + alpha + " interval " + ci[0] + ", " + ci[1]);
      }
    }
  }

  @Test
  void oneValueASideIsNotTestable() {
    LogRatio r = LogRatio.of(new double[] {1}, new double[] {2, 2.1});
    assertFalse(r.testable());
    assertEquals(1, r.pBeyond(0), 0);
    assertTrue(Double.isNaN(r.interval(0.95)[0]));
  }

  @Test
  void identicalValuesAreTestedExactly() {
    LogRatio r = LogRatio.of(new double[] {1, 1, 1}, new double[] {2, 2, 2});
    assertEquals(0, r.se(), 0);
    assertEquals(0, r.pBeyond(0.5), 0);
    assertEquals(1, r.pBeyond(1.5), 0);
  }

  @Test
  void anAddedVarianceWidensTheInterval() {
    double[] a = {0, 0.1, 0.2};
    double[] b = {1, 1.1, 1.2};
    assertTrue(LogRatio.of(a, b, 0.01, 0.01).se() > LogRatio.of(a, b).se());
  }
}
