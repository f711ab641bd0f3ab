package gdbench.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The MSE loss is right, and stays right when the garbage collector runs between the forward and
 * the backward pass: the case in which DJL's {@code L2Loss} (a multiplication by a {@code Number},
 * whose direct buffer the GC frees while autograd still reads it) returns garbage gradients.
 */
class DjlMseLossTest {

  @Test
  void gradientSurvivesAGarbageCollectionBeforeBackward() throws InterruptedException {
    Engine engine = DjlEngine.start(1);
    try (NDManager m = DjlEngine.newManager(engine, gdbench.core.Device.CPU)) {
      NDArray x = m.create(new float[] {1, 2, 3, 4});
      NDArray y = m.create(new float[] {2, 4, 6, 8});
      for (int trial = 0; trial < 5; trial++) {
        try (NDManager step = m.newSubManager()) {
          NDArray w = step.create(new float[] {0f});
          w.setRequiresGradient(true);
          step.tempAttachAll(x, y);
          NDArray l;
          try (GradientCollector collector = engine.newGradientCollector()) {
            l = new DjlMseLoss().evaluate(new NDList(y), new NDList(x.mul(w)));
            churnDirectMemory();
            collector.backward(l);
          }
          // MSE of w·x against 2x at w = 0 is 30; its gradient is mean(2·x·(w·x − 2x)) = −30
          assertEquals(30f, DjlTrainer.scalar(l), 1e-5f);
          assertEquals(-30f, DjlTrainer.scalar(w.getGradient()), 1e-5f, "trial " + trial);
        }
      }
    }
  }

  /** Lets the GC free unreachable direct buffers, then takes freed memory back and scribbles on it. */
  static void churnDirectMemory() throws InterruptedException {
    List<ByteBuffer> junk = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      System.gc();
      Thread.sleep(20);
      for (int i = 0; i < 20_000; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        b.putFloat(0, 1e30f);
        junk.add(b);
      }
    }
    junk.clear();
  }

  @Test
  void lossOptimizerAndFullLibraryReportTheMse() {
    for (String id : new String[] {"djl/loss-optimizer", "djl/full-library"}) {
      try (var t = Backends.open(Cell.parse(id), Problem.seed(), TrainConfig.tutorial().withBias(false))) {
        assertEquals(30f, t.step(), 0f, id + ": the tutorial's first loss");
      }
    }
  }
}
