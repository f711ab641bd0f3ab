package gdbench;

import static org.junit.jupiter.api.Assertions.fail;

import gdbench.core.EpochRecord;
import java.util.List;

/**
 * Float32 trajectory comparison. Two float32 implementations of the same step differ by the order
 * of their additions: a relative error near 1e-7 per operation that gradient descent carries from
 * epoch to epoch. Values are compared with |a − b| ≤ rtol·|b| + atol, where atol is rtol times the
 * trace's scale (the first loss, or the largest parameter), so that a loss that has converged to
 * 1e-12 is not held to twelve digits it cannot have in float32.
 */
public final class TraceAssert {
  private TraceAssert() {}

  public static void assertTrace(String what, List<EpochRecord> actual, Golden golden, double rtol) {
    if (actual.size() != golden.epochs().size()) {
      fail(what + ": " + actual.size() + " epochs, expected " + golden.epochs().size());
    }
    double lossScale = golden.epochs().get(0).loss();
    double paramScale = 0;
    for (Golden.Epoch e : golden.epochs()) {
      for (double w : e.weights()) {
        paramScale = Math.max(paramScale, Math.abs(w));
      }
      if (e.bias() != null) {
        paramScale = Math.max(paramScale, Math.abs(e.bias()));
      }
    }
    for (int i = 0; i < actual.size(); i++) {
      EpochRecord a = actual.get(i);
      Golden.Epoch g = golden.epochs().get(i);
      String at = what + " epoch " + g.epoch();
      close(at + " loss", a.loss(), g.loss(), rtol, rtol * lossScale);
      for (int j = 0; j < g.weights().length; j++) {
        close(at + " w[" + j + "]", a.weights()[j], g.weights()[j], rtol, rtol * paramScale);
      }
      if (g.bias() != null) {
        close(at + " bias", a.bias(), g.bias(), rtol, rtol * paramScale);
      }
    }
  }

  public static void assertSameTrajectory(String what, List<EpochRecord> actual, List<EpochRecord> expected, double rtol) {
    if (actual.size() != expected.size()) {
      fail(what + ": " + actual.size() + " epochs, expected " + expected.size());
    }
    double lossScale = expected.get(0).loss();
    double paramScale = 0;
    for (EpochRecord e : expected) {
      for (float w : e.weights()) {
        paramScale = Math.max(paramScale, Math.abs(w));
      }
      paramScale = Math.max(paramScale, Math.abs(e.bias()));
    }
    for (int i = 0; i < actual.size(); i++) {
      EpochRecord a = actual.get(i);
      EpochRecord e = expected.get(i);
      String at = what + " epoch " + e.epoch();
      close(at + " loss", a.loss(), e.loss(), rtol, rtol * lossScale);
      for (int j = 0; j < e.weights().length; j++) {
        close(at + " w[" + j + "]", a.weights()[j], e.weights()[j], rtol, rtol * paramScale);
      }
      close(at + " bias", a.bias(), e.bias(), rtol, rtol * paramScale);
    }
  }

  public static void close(String what, double actual, double expected, double rtol, double atol) {
    if (!(Math.abs(actual - expected) <= rtol * Math.abs(expected) + atol)) {
      fail(String.format("%s: got %.9g, expected %.9g (|diff| %.3g > %.3g)", what, actual, expected,
          Math.abs(actual - expected), rtol * Math.abs(expected) + atol));
    }
  }
}
