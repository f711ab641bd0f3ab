package gdbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backends;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/** The per-op probe the reference times: one add per call, new or in place, and nothing left behind. */
class DjlElementwiseProbeTest {
  @Test
  void oneAddPerCallNewOrInPlace() throws Exception {
    DoubleSupplier add = Backends.get("djl").elementwiseProbe(4, false);
    DoubleSupplier inPlace = Backends.get("djl").elementwiseProbe(4, true);
    try {
      for (int i = 0; i < 1000; i++) {
        assertEquals(4, add.getAsDouble(), "a new array of 4, closed at once");
        inPlace.getAsDouble();
      }
      DjlElementwiseProbe p = (DjlElementwiseProbe) inPlace;
      assertTrue(p instanceof AutoCloseable);
    } finally {
      ((AutoCloseable) add).close();
      ((AutoCloseable) inPlace).close();
    }
  }

  @Test
  void plainJavaHasNone() {
    assertNull(Backends.get("plain").elementwiseProbe(4, false));
    assertNull(Backends.get("ejml").elementwiseProbe(4, true));
  }
}
