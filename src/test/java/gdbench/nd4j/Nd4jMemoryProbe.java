package gdbench.nd4j;

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
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The measuring side of {@link Nd4jMemoryTest}, run in a JVM of its own. For each cell given on the
 * command line: build a trainer on a small problem, warm up, then run the measured steps, reading
 * VmRSS from /proc/self/status before them and after every tenth of them. Prints one line per cell:
 * {@code cell rssBeforeKb rss1Kb,rss2Kb,...,rss10Kb microsPerStep finalLoss}.
 */
public final class Nd4jMemoryProbe {
  private Nd4jMemoryProbe() {}

  public static void main(String[] args) throws IOException {
    int warmup = Integer.parseInt(args[0]);
    int steps = Integer.parseInt(args[1]);
    Problem problem = Problems.synthetic(64, 4, 11);
    TrainConfig config = new TrainConfig(0.05f, steps, GradientRule.MEAN, true, Init.zeros(), 1, Device.CPU);
    for (int a = 2; a < args.length; a++) {
      String cellId = args[a];
      try (Trainer trainer = Backends.open(Cell.parse(cellId), problem, config)) {
        for (int i = 0; i < warmup; i++) {
          trainer.step();
        }
        long before = rssKb();
        StringBuilder samples = new StringBuilder();
        float loss = 0;
        long start = System.nanoTime();
        for (int tenth = 1; tenth <= 10; tenth++) {
          for (int i = 0; i < steps / 10; i++) {
            loss = trainer.step();
          }
          samples.append(tenth == 1 ? "" : ",").append(rssKb());
        }
        double micros = (System.nanoTime() - start) / 1e3 / steps;
        System.out.printf("%s %d %s %.1f %s%n", cellId, before, samples, micros, loss);
        System.out.flush();
      }
    }
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
