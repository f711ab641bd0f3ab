package gdbench.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Drives a trainer for the configured number of epochs and keeps the trace: the loss of every
 * epoch, and full records (parameters, gradient) of the epochs asked for. Training whose loss or
 * parameters stop being finite ends at that epoch with status {@code diverged}; the non-finite
 * values are not kept, so no NaN reaches any output.
 */
public final class TrainingRun {
  public enum Status {
    FINISHED("finished"),
    DIVERGED("diverged");

    private final String id;

    Status(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }
  }

  /**
   * @param records the epochs recorded (1, 1 + K, 1 + 2K, …, as the tutorial prints them)
   * @param losses the loss before each completed epoch's update, one per finite epoch
   * @param divergedAt the epoch whose loss or parameters became non-finite, 0 if none
   * @param weights the final weights (the last finite ones if it diverged)
   * @param bias the final bias
   */
  public record Result(Status status, List<EpochRecord> records, float[] losses, int divergedAt, float[] weights, float bias, long nanos) {
    public int epochsCompleted() {
      return losses.length;
    }
  }

  private TrainingRun() {}

  /** Runs with a record every {@code recordEvery} epochs, counted from epoch 1. */
  public static Result run(Trainer trainer, TrainConfig config, int recordEvery) {
    if (recordEvery < 1) {
      throw new GdbenchException("the record interval must be at least 1 epoch, got " + recordEvery);
    }
    List<EpochRecord> records = new ArrayList<>();
    float[] losses = new float[config.epochs()];
    float[] w = trainer.weights();
    float b = trainer.bias();
    long start = System.nanoTime();
    for (int epoch = 1; epoch <= config.epochs(); epoch++) {
      float loss = trainer.step();
      float[] nextW = trainer.weights();
      float nextB = trainer.bias();
      if (!Float.isFinite(loss) || !allFinite(nextW) || !Float.isFinite(nextB)) {
        long nanos = System.nanoTime() - start;
        return new Result(Status.DIVERGED, records, java.util.Arrays.copyOf(losses, epoch - 1), epoch, w, b, nanos);
      }
      w = nextW;
      b = nextB;
      losses[epoch - 1] = loss;
      if ((epoch - 1) % recordEvery == 0) {
        float[] g = trainer.gradient();
        records.add(new EpochRecord(epoch, loss, w, b, g == null ? null : g.clone(), trainer.biasGradient()));
      }
    }
    return new Result(Status.FINISHED, records, losses, 0, w, b, System.nanoTime() - start);
  }

  static boolean allFinite(float[] v) {
    for (float f : v) {
      if (!Float.isFinite(f)) {
        return false;
      }
    }
    return true;
  }
}
