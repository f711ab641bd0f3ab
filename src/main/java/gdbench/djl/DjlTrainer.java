package gdbench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import gdbench.core.GdbenchException;
import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * What every DJL trainer shares: the trainer's own {@link NDManager} (a child of DJL's system
 * manager, on the device {@link DjlEngine#device} picks), the problem's sizes and the configuration.
 * Each stage converts the data into its arrays in its constructor, never in {@link #step()}, and
 * frees everything it made in {@link #close()} by closing this manager.
 *
 * <p>Arrays produced by an operation belong to the manager of its first operand; a step that does
 * not scope its temporaries leaks native memory until the trainer closes (djl#2210, #2567, #1317),
 * and at large N every result then lands on fresh pages instead of memory the allocator just freed.
 * Every stage here frees each step's temporaries before the step returns ({@code DjlMemoryTest}).
 */
abstract class DjlTrainer implements Trainer {
  protected final Engine engine;
  protected final TrainConfig config;
  protected final NDManager manager;
  protected final int n;
  protected final int d;
  protected final boolean hasBias;
  protected final GradientRule rule;
  protected final float lr;
  protected final float[] initialW;
  protected final float initialB;
  private boolean closed;

  DjlTrainer(Problem p, TrainConfig c) {
    engine = DjlEngine.start(c.threads());
    config = c;
    n = p.n();
    d = p.d();
    hasBias = c.bias();
    rule = c.rule();
    lr = c.lr();
    initialW = c.initialWeights(d);
    initialB = c.initialBias(d);
    manager = DjlEngine.newManager(engine, c.device());
    manager.setName("gdbench-" + getClass().getSimpleName());
  }

  /** The features as an N×D float32 array in {@code m}. */
  static NDArray features(NDManager m, Problem p) {
    return m.create(p.x(), new Shape(p.n(), p.d()));
  }

  /**
   * The features for a hand-written forward pass: N×D, or an N-vector when D = 1, where
   * {@link #forward} multiplies element-wise (the tutorial's {@code w * x}) because PyTorch's
   * matrix product with one column is five to ten times slower per element (see
   * {@link DjlManualTunedTrainer}).
   */
  static NDArray design(NDManager m, Problem p) {
    return p.d() == 1 ? m.create(p.x(), new Shape(p.n())) : features(m, p);
  }

  /** ŷ = X·w for arrays made by {@link #design}: {@code w * x} with one feature, else {@code matMul}. */
  static NDArray forward(NDArray x, NDArray w) {
    return x.getShape().dimension() == 1 ? x.mul(w) : x.matMul(w);
  }

  /** The targets as an N-vector in {@code m}. */
  static NDArray targets(NDManager m, Problem p) {
    return m.create(p.y(), new Shape(p.n()));
  }

  /**
   * One float read back from a one-element array, with the fewest calls into the engine:
   * {@code getFloat()} goes through DJL's indexer (about 3 µs more per read here) and
   * {@code toFloatArray()} asks the engine for type, device, layout and contiguity first (six
   * JNI calls); {@code toByteBuffer(false)} is a device check and one copy.
   */
  static float scalar(NDArray a) {
    return a.toByteBuffer(false).order(ByteOrder.nativeOrder()).getFloat(0);
  }

  /** All values of a small float32 array, read back the same way. */
  static float[] floats(NDArray a) {
    FloatBuffer fb = a.toByteBuffer(false).order(ByteOrder.nativeOrder()).asFloatBuffer();
    float[] out = new float[fb.remaining()];
    fb.get(out);
    return out;
  }

  /**
   * Overwrites an array's values in place, in the tensor's own memory ({@code t[:] = values}, a
   * PyTorch {@code index_put_}). Not {@code NDArray.set(Buffer)}: on PyTorch that re-points the
   * tensor at a Java direct buffer (through an API PyTorch warns about on the terminal), and
   * a reused buffer would then be written by the updates.
   */
  void assign(NDArray a, float[] values) {
    try (NDArray v = manager.create(values, a.getShape())) {
      a.set(new NDIndex(":"), v);
    }
  }

  protected void checkOpen() {
    if (closed) {
      throw new GdbenchException("djl: the trainer was closed");
    }
  }

  /** Frees stage-specific resources not owned by {@link #manager} (models, trainers). */
  protected void closeExtra() {}

  @Override
  public final void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      closeExtra();
    } finally {
      manager.close();
    }
  }
}
