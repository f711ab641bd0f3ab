package gdbench.nd4j;

import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's cost per operation: {@code a.add(b)} into a new array closed at once (what Python's
 * refcount does for {@code a + b}; left to the garbage collector, its native memory would pile
 * up), or {@code a.addi(b)} in place. {@code b} holds zeros, so {@code a} keeps its values.
 */
final class Nd4jElementwiseProbe implements DoubleSupplier, AutoCloseable {
  private final INDArray a;
  private final INDArray b;
  private final boolean inPlace;

  Nd4jElementwiseProbe(int n, boolean inPlace) {
    Nd4jRuntime.ensureReady(1);
    this.a = Nd4j.ones(DataType.FLOAT, n);
    this.b = Nd4j.zeros(DataType.FLOAT, n);
    this.inPlace = inPlace;
  }

  @Override
  public double getAsDouble() {
    if (inPlace) {
      a.addi(b);
      return 0;
    }
    INDArray c = a.add(b);
    long size = c.length();
    c.close();
    return size;
  }

  @Override
  public void close() {
    a.close();
    b.close();
  }
}
