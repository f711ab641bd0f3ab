package gdbench.ojalgo;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Device;
import gdbench.core.GradientRule;
import gdbench.core.Init;
import gdbench.core.Problem;
import gdbench.core.Problems;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The measuring side of {@link OjalgoMemoryTest}, run in a JVM of its own. For each cell given on
 * the command line: build a trainer, warm up, then run the measured steps, reading resident memory
 * (VmRSS) and the Java heap in use after a full collection before them and after every tenth of
 * them. Prints one line per cell:
 * {@code cell rssKb,rss1Kb,...,rss10Kb heapKb,heap1Kb,...,heap10Kb microsPerStep finalLoss}.
 */
public final class OjalgoMemoryProbe {
  private OjalgoMemoryProbe() {}

  public static void main(String[] args) throws IOException {
    int warmup = Integer.parseInt(args[0]);
    int steps = Integer.parseInt(args[1]);
    Problem problem = Problems.synthetic(4096, 4, 9);
    TrainConfig config = new TrainConfig(0.1f, steps, GradientRule.MEAN, true, Init.random(2), 1, Device.CPU);
    for (int a = 2; a < args.length; a++) {
      String cellId = args[a];
      try (Trainer trainer = Backends.open(Cell.parse(cellId), problem, config)) {
        for (int i = 0; i < warmup; i++) {
          trainer.step();
        }
        StringBuilder rss = new StringBuilder();
        StringBuilder heap = new StringBuilder();
        float loss = 0;
        long stepNanos = 0;
        for (int tenth = 0; tenth <= 10; tenth++) {
          if (tenth > 0) {
            long start = System.nanoTime();
            for (int i = 0; i < steps / 10; i++) {
              loss = trainer.step();
            }
            stepNanos += System.nanoTime() - start;
          }
          heap.append(tenth == 0 ? "" : ",").append(heapAfterGcKb());
          rss.append(tenth == 0 ? "" : ",").append(rssKb());
        }
        System.out.printf(Locale.ROOT, "%s %s %s %.2f %s%n", cellId, rss, heap, stepNanos / 1e3 / steps, loss);
        System.out.flush();
      }
    }
  }

  /** Java heap in use after a full collection (System.gc() is a full, stop-the-world one with G1). */
  static long heapAfterGcKb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 10;
  }

  static long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IOException("no VmRSS line in /proc/self/status");
  }
}
