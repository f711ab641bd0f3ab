package gdbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.TraceAssert;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The gradients the DJL cells report are the ones they applied: the same as {@code plain}'s, step
 * after step, for both rules, with a bias; the stages whose optimizer consumes the gradient say
 * they have none.
 */
class DjlGradientTest {
  /** As in the agreement test: float32 sums in a different order drift by ~1e-6 here. */
  static final double RTOL = 1e-4;

  static final Problem PROBLEM = Problems.synthetic(300, 3, 21);

  /** D = 1 takes the element-wise path ({@code w * x}, {@code dot}), D = 3 the matrix products. */
  @ParameterizedTest(name = "{0} {1} d={2}")
  @CsvSource({
    "djl/manual/tuned, mean, 1", "djl/manual/tuned, dot, 1", "djl/manual/tuned, mean, 3", "djl/manual/tuned, dot, 3",
    "djl/manual/idiomatic, mean, 1", "djl/manual/idiomatic, dot, 1", "djl/manual/idiomatic, mean, 3", "djl/manual/idiomatic, dot, 3",
    "djl/autograd, mean, 1", "djl/autograd, dot, 1", "djl/autograd, mean, 3", "djl/autograd, dot, 3"})
  void reportsPlainsGradient(String cellId, String rule, int d) {
    Problem problem = d == PROBLEM.d() ? PROBLEM : Problems.synthetic(300, d, 22);
    GradientRule r = GradientRule.parse(rule);
    TrainConfig config = new TrainConfig(r == GradientRule.DOT ? 0.0005f : 0.05f, 5, r, true, Init.random(4), 1, Device.CPU);
    try (Trainer djl = Backends.open(Cell.parse(cellId), problem, config);
        Trainer plain = Backends.open(Cell.parse("plain/manual"), problem, config)) {
      for (int step = 1; step <= 5; step++) {
        djl.step();
        plain.step();
        float[] expected = plain.gradient();
        float[] actual = djl.gradient();
        double scale = Math.abs(plain.biasGradient());
        for (float g : expected) {
          scale = Math.max(scale, Math.abs(g));
        }
        for (int j = 0; j < expected.length; j++) {
          TraceAssert.close(cellId + " step " + step + " dw[" + j + "]", actual[j], expected[j], RTOL, RTOL * scale);
        }
        TraceAssert.close(cellId + " step " + step + " db", djl.biasGradient(), plain.biasGradient(), RTOL, RTOL * scale);
        float[] pw = plain.weights();
        float[] dwts = djl.weights();
        for (int j = 0; j < pw.length; j++) {
          TraceAssert.close(cellId + " step " + step + " w[" + j + "]", dwts[j], pw[j], RTOL, RTOL);
        }
        TraceAssert.close(cellId + " step " + step + " b", djl.bias(), plain.bias(), RTOL, RTOL);
      }
    }
  }

  @Test
  void optimizerStagesHaveNoGradientToShow() {
    for (String id : new String[] {"djl/loss-optimizer", "djl/full-library"}) {
      try (Trainer t = Backends.open(Cell.parse(id), Problem.seed(), TrainConfig.tutorial())) {
        t.step();
        assertNull(t.gradient(), id);
        assertTrue(Float.isNaN(t.biasGradient()), id);
      }
    }
  }

  @Test
  void withoutBiasTheBiasStaysZeroAndHasNoGradient() {
    TrainConfig config = new TrainConfig(0.05f, 3, GradientRule.MEAN, false, Init.random(8), 1, Device.CPU);
    for (Cell cell : Backends.cells()) {
      if (!cell.backend().equals("djl")) {
        continue;
      }
      try (Trainer t = Backends.open(cell, PROBLEM, config)) {
        t.step();
        assertEquals(0f, t.bias(), cell.id());
        assertTrue(Float.isNaN(t.biasGradient()), cell.id());
        assertEquals(PROBLEM.d(), t.weights().length, cell.id());
      }
    }
  }
}
