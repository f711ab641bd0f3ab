package gdbench.nd4j;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The manual stage as the tutorial's numpy reads, one new array per operation, with the shapes a
 * user would pick (column vectors [D, 1] and [N, 1]):
 *
 * <pre>
 *   y_pred = X.mmul(w)(.add(b))
 *   loss   = ((y_pred - y)**2).mean()
 *   dw     = Xᵀ.mmul(y_pred - y) * 2/N     (the tutorial's mean(2*x*(y_pred - y)))
 *   w     -= lr * dw
 * </pre>
 *
 * <p>The temporaries live in a workspace, ND4J's intended way to run such code in a loop: on the
 * CPU backend a detached array's native memory is freed only after the Java garbage collector
 * has collected its (small) Java object, so a loop over a million samples would allocate tens of
 * megabytes of native memory per step faster than the collector ever notices. The workspace
 * learns the step's footprint in the first step and reuses one block afterwards.
 */
final class Nd4jManualIdiomaticTrainer implements Trainer {
  private static final WorkspaceConfiguration WORKSPACE = WorkspaceConfiguration.builder()
      .policyAllocation(AllocationPolicy.STRICT)
      .policyLearning(LearningPolicy.FIRST_LOOP)
      .build();
  private static final AtomicLong IDS = new AtomicLong();

  private final int n;
  private final int d;
  private final boolean hasBias;
  private final float lr;
  private final float gradScale;
  private final float[] initialW;
  private final float initialB;
  private final String workspaceId = "gdbench-nd4j-idiomatic-" + IDS.incrementAndGet();

  private final INDArray x; // [n, d]
  private final INDArray y; // [n, 1]
  private final INDArray w; // [d, 1], outside the workspace: it outlives the step
  private final INDArray gradW; // [d, 1], outside the workspace: the last step's dw, read only by gradient()
  private float b;
  private float gradB = Float.NaN;
  private boolean closed;

  Nd4jManualIdiomaticTrainer(Problem problem, TrainConfig config) {
    n = problem.n();
    d = problem.d();
    hasBias = config.bias();
    lr = config.lr();
    // mean: (2/N)·Xᵀr; dot, the tutorial's first attempt: 2·Xᵀr, N times larger.
    gradScale = config.rule() == GradientRule.MEAN ? 2f / n : 2f;
    initialW = config.initialWeights(d);
    initialB = config.initialBias(d);
    x = Nd4j.create(problem.x(), new long[] {n, d}, 'c');
    y = Nd4j.create(problem.y(), new long[] {n, 1}, 'c');
    w = Nd4j.create(initialW, new long[] {d, 1}, 'c');
    b = initialB;
    gradW = Nd4j.create(DataType.FLOAT, d, 1);
  }

  @Override
  public float step() {
    try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(WORKSPACE, workspaceId)) {
      INDArray yPred = x.mmul(w); // forward: X·w
      if (hasBias) {
        yPred = yPred.add(b);
      }
      INDArray error = yPred.sub(y);
      float loss = error.mul(error).meanNumber().floatValue(); // ((y_pred - y)**2).mean()
      // (2/N)·Xᵀ(y_pred - y). The last op writes into an array kept outside the workspace instead
      // of a new one in it, so the gradient stays readable without a copy to Java each step (DJL
      // keeps its gradient native too); the workspace's arrays are invalid once the step ends.
      INDArray dw = x.transpose().mmul(error).mul(gradScale, gradW);
      if (hasBias) {
        gradB = error.sumNumber().floatValue() * gradScale; // (2/N)·Σ(y_pred - y)
        b -= lr * gradB;
      }
      w.subi(dw.mul(lr)); // w -= learning_rate * dw
      return loss;
    }
  }

  @Override
  public float[] weights() {
    return w.toFloatVector();
  }

  @Override
  public float bias() {
    return hasBias ? b : 0f;
  }

  @Override
  public float[] gradient() {
    return gradW.toFloatVector(); // zeros before the first step
  }

  @Override
  public float biasGradient() {
    return hasBias ? gradB : Float.NaN;
  }

  @Override
  public void reset() {
    w.assign(Nd4j.create(initialW, new long[] {d, 1}, 'c'));
    b = initialB;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // Only this thread's copy, and only if nothing (a DL4J network's close, say) destroyed it already.
    if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(workspaceId)) {
      Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(workspaceId));
    }
    x.close();
    y.close();
    w.close();
    gradW.close();
  }
}
