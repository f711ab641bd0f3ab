package gdbench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import gdbench.core.Device;
import java.util.function.DoubleSupplier;

/**
 * DJL's cost per operation: {@code a.add(b)} into a new array closed at once (what Python's
 * refcount does for {@code a + b}), or {@code a.addi(b)} in place. {@code b} holds zeros, so
 * {@code a} keeps its values however often it runs. One engine thread: four elements never split.
 */
final class DjlElementwiseProbe implements DoubleSupplier, AutoCloseable {
  private final NDManager manager;
  private final NDArray a;
  private final NDArray b;
  private final boolean inPlace;

  DjlElementwiseProbe(int n, boolean inPlace) {
    Engine engine = DjlEngine.start(1);
    this.manager = DjlEngine.newManager(engine, Device.CPU);
    this.a = manager.ones(new Shape(n));
    this.b = manager.zeros(new Shape(n));
    this.inPlace = inPlace;
  }

  @Override
  public double getAsDouble() {
    if (inPlace) {
      a.addi(b);
      return 0;
    }
    try (NDArray c = a.add(b)) {
      return c.size();
    }
  }

  @Override
  public void close() {
    manager.close();
  }
}
