package gdbench.tensorflow;

import gdbench.core.GdbenchException;
import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * What every TensorFlow trainer shares: a graph holding the data as constants and the parameters
 * as variables, the forward pass and the MSE, the stage's update (built by the subclass), and a
 * session that runs a step as one call: the update as target, the loss (and where the stage has
 * one, the gradient) fetched. The update ops depend on the loss, so the loss is that of the
 * parameters before the update, as in every other cell.
 */
abstract class TensorflowTrainer implements Trainer {
  private static final Map<String, String> SESSION_THREADS = new LinkedHashMap<>();

  protected final int n;
  protected final int d;
  protected final boolean hasBias;
  protected final GradientRule rule;
  protected final float lr;
  protected final float[] initialW;
  protected final float initialB;
  protected final Graph graph;
  protected final Ops tf;
  protected final Operand<TFloat32> x; // N with one feature, else N×D
  protected final Operand<TFloat32> y; // N
  protected final Variable<TFloat32> w; // D
  protected final Variable<TFloat32> b; // 1, or null
  protected final Operand<TFloat32> yHat; // N
  private final List<Op> resetOps = new ArrayList<>();
  private Session session;
  private Operand<TFloat32> reportedLoss;
  private Operand<TFloat32> fetchedGradW;
  private Operand<TFloat32> fetchedGradB;
  private final List<Op> updates = new ArrayList<>();
  private float[] lastGradW;
  private float lastGradB = Float.NaN;
  private boolean closed;

  TensorflowTrainer(Problem p, TrainConfig c) {
    n = p.n();
    d = p.d();
    hasBias = c.bias();
    rule = c.rule();
    lr = c.lr();
    initialW = c.initialWeights(d);
    initialB = c.initialBias(d);
    graph = new Graph();
    try {
      tf = Ops.create(graph);
      x = d == 1 ? constant(p.x(), n) : constant(p.x(), n, d);
      y = constant(p.y(), n);
      w = tf.withName("w").variable(constant(initialW, d));
      resetOps.add(tf.assign(w, constant(initialW, d)));
      if (hasBias) {
        b = tf.withName("b").variable(constant(new float[] {initialB}, 1));
        resetOps.add(tf.assign(b, constant(new float[] {initialB}, 1)));
      } else {
        b = null;
      }
      Operand<TFloat32> prediction = d == 1 ? tf.math.mul(x, w)
          : tf.reshape(tf.linalg.matMul(x, tf.reshape(w, tf.constant(new long[] {d, 1}))), tf.constant(new long[] {n}));
      yHat = hasBias ? tf.math.add(prediction, b) : prediction;
    } catch (RuntimeException | Error e) {
      graph.close();
      throw e;
    }
  }

  /** A float32 constant of the given shape holding a copy of {@code values}. */
  protected Operand<TFloat32> constant(float[] values, long... shape) {
    return tf.constant(Shape.of(shape), DataBuffers.of(values, true, false));
  }

  /** {@code t} reshaped to the shape of a variable of {@code size} values. */
  protected Operand<TFloat32> asVector(Operand<TFloat32> t, int size) {
    return tf.reshape(t, tf.constant(new long[] {size}));
  }

  /**
   * Called by the subclass's constructor once its graph is complete: the loss it reports, the
   * gradients to fetch each step (null where the stage has none to show), its update ops. Starts
   * the session with {@code threads} intra-op threads and one inter-op thread, and runs the
   * variables' initialisers.
   */
  protected void finish(Operand<TFloat32> loss, Operand<TFloat32> gradW, Operand<TFloat32> gradB, List<Op> updateOps, int threads) {
    reportedLoss = loss;
    fetchedGradW = gradW;
    fetchedGradB = gradB;
    updates.addAll(updateOps);
    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(threads)
        .setInterOpParallelismThreads(1)
        .build();
    try {
      session = new Session(graph, config);
      session.initialize();
    } catch (RuntimeException e) {
      close();
      throw new GdbenchException("tensorflow: cannot start a session: " + GdbenchException.rootMessage(e), e);
    }
    synchronized (SESSION_THREADS) {
      SESSION_THREADS.putIfAbsent("ConfigProto.intra_op_parallelism_threads", String.valueOf(config.getIntraOpParallelismThreads()));
      SESSION_THREADS.putIfAbsent("ConfigProto.inter_op_parallelism_threads", String.valueOf(config.getInterOpParallelismThreads()));
    }
  }

  /** The first session's thread settings in this JVM, as configured. */
  static Map<String, String> sessionThreads() {
    synchronized (SESSION_THREADS) {
      return Map.copyOf(SESSION_THREADS);
    }
  }

  /** Ops built with this depend on the loss: they run after it has read the parameters. */
  protected Ops afterLoss(Operand<TFloat32> loss) {
    return tf.withControlDependencies(List.of((Op) loss));
  }

  @Override
  public float step() {
    checkOpen();
    Session.Runner runner = session.runner();
    updates.forEach(runner::addTarget);
    runner.fetch(reportedLoss);
    if (fetchedGradW != null) {
      runner.fetch(fetchedGradW);
      if (fetchedGradB != null) {
        runner.fetch(fetchedGradB);
      }
    }
    try (Result result = runner.run()) {
      if (fetchedGradW != null) {
        lastGradW = StdArrays.array1dCopyOf((TFloat32) result.get(1));
        lastGradB = fetchedGradB == null ? Float.NaN : StdArrays.array1dCopyOf((TFloat32) result.get(2))[0];
      }
      return ((TFloat32) result.get(0)).getFloat();
    }
  }

  private float[] read(Operand<TFloat32> variable) {
    checkOpen();
    try (Result result = session.runner().fetch(variable).run()) {
      return StdArrays.array1dCopyOf((TFloat32) result.get(0));
    }
  }

  @Override
  public float[] weights() {
    return read(w);
  }

  @Override
  public float bias() {
    return hasBias ? read(b)[0] : 0f;
  }

  @Override
  public float[] gradient() {
    return lastGradW == null ? null : lastGradW.clone();
  }

  @Override
  public float biasGradient() {
    return lastGradB;
  }

  @Override
  public void reset() {
    checkOpen();
    Session.Runner runner = session.runner();
    resetOps.forEach(runner::addTarget);
    runner.run().close();
    lastGradW = null;
    lastGradB = Float.NaN;
  }

  protected void checkOpen() {
    if (closed) {
      throw new GdbenchException("tensorflow: the trainer was closed");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (session != null) {
        session.close();
      }
    } finally {
      graph.close();
    }
  }
}
