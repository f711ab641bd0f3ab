package gdbench.ejml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Problems;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import org.ejml.concurrency.EjmlConcurrency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EjmlBackendTest {
  @AfterEach
  void restoreSingleThread() {
    EjmlBackend.pinThreads(1);
  }

  @Test
  void oneThreadTurnsEjmlsOwnConcurrencyOff() {
    // 60,000 elements: above EJML's threshold, where SimpleMatrix would go multithreaded on its own.
    try (Trainer t = Backends.open(Cell.parse("ejml/manual/idiomatic"), Problems.synthetic(60_000, 1, 1), TrainConfig.tutorial())) {
      t.step();
    }
    assertFalse(EjmlConcurrency.USE_CONCURRENT);
  }

  @Test
  void moreThreadsAreHonouredAndTrainTheSame() {
    var p = Problems.synthetic(60_000, 2, 1);
    float single;
    try (Trainer t = Backends.open(Cell.parse("ejml/manual/tuned"), p, TrainConfig.tutorial())) {
      single = t.step();
    }
    try (Trainer t = Backends.open(Cell.parse("ejml/manual/tuned"), p, TrainConfig.tutorial().withThreads(2))) {
      assertTrue(EjmlConcurrency.USE_CONCURRENT);
      assertEquals(single, t.step(), 1e-5f * single);
    }
  }

  @Test
  void listsBothVariantsTunedFirst() {
    assertEquals("ejml/manual/tuned", Cell.parse("ejml/manual").id());
    assertEquals("ejml/manual/idiomatic", Cell.parse("ejml/manual/idiomatic").id());
  }
}
