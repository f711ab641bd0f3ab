package gdbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backends;
import gdbench.runfolder.ConvergenceData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvergenceRunnerTest {
  @Test
  void recordsTrajectoriesTargetsDeviationAndDivergence() {
    ConvergenceData data = ConvergenceRunner.run(Backends.select("plain,plain-simd"), ConvergenceProblem.standard(), null);
    assertEquals(4, data.problems().size());
    assertEquals(8, data.runs().size());
    ConvergenceData.Run seed = data.runs().stream().filter(r -> r.problem().equals("seed") && r.cell().equals("plain-simd/manual")).findFirst().orElseThrow();
    assertEquals("finished", seed.status());
    assertEquals(100, seed.losses().length);
    assertEquals(30f, seed.losses()[0]);
    assertNotNull(seed.epochsToTarget());
    assertNotNull(seed.msToTarget());
    assertTrue(seed.maxDeviationFromPlain() < 1e-5, "plain-simd follows plain");
    ConvergenceData.Run diverged = data.runs().stream().filter(r -> r.problem().equals("dot-n1000")).findFirst().orElseThrow();
    assertEquals("diverged", diverged.status());
    assertNotNull(diverged.divergedAtEpoch());
    assertEquals(diverged.divergedAtEpoch() - 1, diverged.losses().length);
    assertNull(diverged.epochsToTarget());
    ConvergenceData.ProblemInfo bias = data.problems().get(2);
    assertEquals(List.of(8, true), List.of(bias.d(), bias.bias()));
    assertTrue(bias.targetLoss() > bias.optimumLoss() && bias.targetLoss() < bias.initialLoss());
  }
}
