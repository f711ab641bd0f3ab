package gdbench.measure;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.EpochRecord;
import gdbench.core.GdbenchException;
import gdbench.core.Optimum;
import gdbench.core.Problem;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.ConvergenceData;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Trains every cell on every convergence problem and keeps the trajectories, for convergence.json.
 * It opens trainers, so it lives apart from the report, which only reads what this wrote.
 */
public final class ConvergenceRunner {
  private ConvergenceRunner() {}

  /**
   * How time to target is timed, in the converging process after the traced run: a warm-up of the
   * same work for at least {@code warmupMs} and {@code warmupSteps} steps (so the JIT has compiled
   * it), but no longer than {@code warmupCapMs}; then the best of {@code repetitions}.
   */
  public record Timing(long warmupMs, int warmupSteps, long warmupCapMs, int repetitions) {
    public static final Timing FULL = new Timing(300, 10_000, 1_000, 10);
    public static final Timing QUICK = new Timing(100, 10_000, 300, 5);
  }

  public static ConvergenceData run(List<Cell> cells, List<ConvergenceProblem> problems, PrintWriter progress) {
    return run(cells, problems, Timing.FULL, progress);
  }

  public static ConvergenceData run(List<Cell> cells, List<ConvergenceProblem> problems, Timing timing, PrintWriter progress) {
    List<ConvergenceData.ProblemInfo> infos = new ArrayList<>();
    List<ConvergenceData.Run> runs = new ArrayList<>();
    int total = cells.size() * problems.size();
    int done = 0;
    long start = System.nanoTime();
    for (ConvergenceProblem cp : problems) {
      Problem p = cp.problem();
      Optimum optimum = Optimum.of(p, cp.config().bias());
      float[] w0 = cp.config().initialWeights(p.d());
      double initial = p.mse(w0, cp.config().initialBias(p.d()));
      double target = optimum.loss() + BenchmarkKind.TARGET_FRACTION * (initial - optimum.loss());
      infos.add(new ConvergenceData.ProblemInfo(cp.name(), cp.data(), cp.about(), p.n(), p.d(), cp.config().bias(),
          cp.config().lr(), cp.config().epochs(), cp.config().rule().id(), optimum.weights(), optimum.bias(),
          optimum.loss(), initial, target));
      Map<String, ConvergenceData.Run> byCell = new LinkedHashMap<>();
      for (Cell cell : cells) {
        done++;
        long t0 = System.nanoTime();
        ConvergenceData.Run run = runOne(cell, cp, p, optimum, target, timing);
        byCell.put(cell.id(), run);
        if (progress != null) {
          progress.printf(Locale.ROOT, "[%d/%d] %-28s %-10s %-9s %6.1f s  (elapsed %.0f s)%n", done, total, cell.id(), cp.name(),
              run.status(), (System.nanoTime() - t0) / 1e9, (System.nanoTime() - start) / 1e9);
          progress.flush();
        }
      }
      ConvergenceData.Run reference = byCell.get(ConvergenceData.REFERENCE_CELL);
      for (ConvergenceData.Run run : byCell.values()) {
        runs.add(reference == null ? run : withDeviation(run, reference));
      }
    }
    return new ConvergenceData(ConvergenceData.SCHEMA, infos, runs);
  }

  private static ConvergenceData.Run runOne(Cell cell, ConvergenceProblem cp, Problem p, Optimum optimum, double target, Timing timing) {
    try (Trainer trainer = Backends.open(cell, p, cp.config())) {
      TrainingRun.Result result = TrainingRun.run(trainer, cp.config(), 1);
      List<EpochRecord> records = result.records();
      float[][] weights = new float[records.size()][];
      float[] bias = new float[cp.config().bias() ? records.size() : 0];
      Integer epochsToTarget = null;
      for (int i = 0; i < records.size(); i++) {
        EpochRecord r = records.get(i);
        weights[i] = r.weights();
        if (cp.config().bias()) {
          bias[i] = r.bias();
        }
        if (epochsToTarget == null && p.mse(r.weights(), r.bias()) <= target) {
          epochsToTarget = r.epoch();
        }
      }
      Double ms = epochsToTarget == null ? null : timeSteps(trainer, epochsToTarget, timing);
      boolean diverged = result.status() == TrainingRun.Status.DIVERGED;
      double finalLoss = p.mse(result.weights(), result.bias());
      double distance = optimum.distance(result.weights(), result.bias(), cp.config().bias());
      return new ConvergenceData.Run(cp.name(), cell.id(), result.status().id(), diverged ? result.divergedAt() : null,
          result.losses(), weights, bias, finite(finalLoss), finite(distance), epochsToTarget, ms, null, null);
    } catch (RuntimeException | LinkageError e) { // one broken cell must not stop the others
      String why = e instanceof GdbenchException ? e.getMessage() : GdbenchException.rootMessage(e);
      return new ConvergenceData.Run(cp.name(), cell.id(), "failed", null, new float[0], new float[0][], new float[0],
          null, null, null, null, null, why);
    }
  }

  /** The best of repeated timings of {@code steps} steps from the initial parameters, without tracing, after a warm-up. */
  private static double timeSteps(Trainer trainer, int steps, Timing timing) {
    float sink = 0;
    long start = System.nanoTime();
    long warmupEnd = start + timing.warmupMs() * 1_000_000L;
    long warmupCap = start + timing.warmupCapMs() * 1_000_000L;
    for (int done = 0; (System.nanoTime() < warmupEnd || done < timing.warmupSteps()) && System.nanoTime() < warmupCap; done += steps) {
      trainer.reset();
      for (int i = 0; i < steps; i++) {
        sink += trainer.step();
      }
    }
    long best = Long.MAX_VALUE;
    for (int rep = 0; rep < timing.repetitions(); rep++) {
      trainer.reset();
      long t0 = System.nanoTime();
      for (int i = 0; i < steps; i++) {
        sink += trainer.step();
      }
      best = Math.min(best, System.nanoTime() - t0);
    }
    if (Float.isNaN(sink)) {
      throw new GdbenchException("the loss became NaN while timing a run that had converged");
    }
    return best / 1e6;
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }

  private static ConvergenceData.Run withDeviation(ConvergenceData.Run run, ConvergenceData.Run ref) {
    if (run.cell().equals(ref.cell()) || run.weights().length == 0 || ref.weights().length == 0) {
      return run;
    }
    int epochs = Math.min(run.weights().length, ref.weights().length);
    double scale = 0;
    for (int e = 0; e < epochs; e++) {
      scale = Math.max(scale, maxAbs(ref.weights()[e]));
      if (ref.bias().length > 0) {
        scale = Math.max(scale, Math.abs(ref.bias()[e]));
      }
    }
    double dev = 0;
    for (int e = 0; e < epochs; e++) {
      for (int j = 0; j < ref.weights()[e].length; j++) {
        dev = Math.max(dev, Math.abs(run.weights()[e][j] - ref.weights()[e][j]));
      }
      if (ref.bias().length > 0 && run.bias().length > 0) {
        dev = Math.max(dev, Math.abs(run.bias()[e] - ref.bias()[e]));
      }
    }
    double relative = scale > 0 ? dev / scale : dev;
    return new ConvergenceData.Run(run.problem(), run.cell(), run.status(), run.divergedAtEpoch(), run.losses(), run.weights(),
        run.bias(), run.finalLoss(), run.distanceToOptimum(), run.epochsToTarget(), run.msToTarget(),
        Double.isFinite(relative) ? relative : null, run.error());
  }

  private static double maxAbs(float[] v) {
    double m = 0;
    for (float f : v) {
      m = Math.max(m, Math.abs(f));
    }
    return m;
  }
}
