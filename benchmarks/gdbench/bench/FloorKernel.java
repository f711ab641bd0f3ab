package gdbench.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The least work any training step must do: read X and y once. One pass with the widest SIMD
 * the JVM offers, a sum in two accumulator chains per array, so that memory, not arithmetic,
 * bounds it on large inputs. Every cell's step is compared with it
 * ("× floor") within the same run.
 */
final class FloorKernel {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private FloorKernel() {}

  /** Reads every element of X (N·D values) and of y once; returns a value that depends on all of them. */
  static float pass(float[] x, float[] y) {
    return sum(x) + sum(y);
  }

  private static float sum(float[] a) {
    int l = S.length();
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = FloatVector.zero(S);
    int i = 0;
    for (; i <= a.length - 2 * l; i += 2 * l) {
      s0 = s0.add(FloatVector.fromArray(S, a, i));
      s1 = s1.add(FloatVector.fromArray(S, a, i + l));
    }
    float s = s0.add(s1).reduceLanes(VectorOperators.ADD);
    for (; i < a.length; i++) {
      s += a[i];
    }
    return s;
  }
}
