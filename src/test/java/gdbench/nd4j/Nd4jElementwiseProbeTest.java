package gdbench.nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import gdbench.core.Backends;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The per-op probe the reference times: one add per call, new (closed at once) or in place. */
class Nd4jElementwiseProbeTest {
  @Test
  void oneAddPerCallNewOrInPlace() throws Exception {
    DoubleSupplier add = Backends.get("nd4j").elementwiseProbe(4, false);
    DoubleSupplier inPlace = Backends.get("nd4j").elementwiseProbe(4, true);
    try {
      for (int i = 0; i < 200; i++) {
        assertEquals(4, add.getAsDouble());
        inPlace.getAsDouble();
      }
    } finally {
      ((AutoCloseable) add).close();
      ((AutoCloseable) inPlace).close();
    }
  }
}
