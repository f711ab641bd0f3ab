package gdbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InitTest {
  @Test
  void zerosAreZero() {
    assertArrayEquals(new float[3], Init.parse("zeros").weights(3));
    assertEquals(0f, Init.zeros().bias(3));
  }

  @Test
  void randomIsSeededAndBoundedLikeLinear() {
    float[] a = Init.parse("random:7").weights(16);
    assertArrayEquals(a, Init.random(7).weights(16));
    assertFalse(Arrays.equals(a, Init.random(8).weights(16)));
    for (float v : a) {
      assertTrue(Math.abs(v) <= 0.25f, "within ±1/sqrt(16)");
    }
  }

  @Test
  void badSpecsAreNamed() {
    assertEquals("unknown initialisation 'ones' (known: zeros, random:SEED)",
        assertThrows(GdbenchException.class, () -> Init.parse("ones")).getMessage());
    assertEquals("random:SEED needs an integer seed, got 'x'",
        assertThrows(GdbenchException.class, () -> Init.parse("random:x")).getMessage());
  }
}
