package gdbench.runfolder;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A run folder's {@code tutorial-reference.json}: the tutorial's own numpy and PyTorch loops timed
 * by {@code gdbench reference}, or why they were not. Absent fields stay null (nothing is written
 * for them), so a "not run" file holds only schema, status and reason.
 *
 * @param status {@link #COMPLETE} or {@link #NOT_RUN}
 * @param reason why not run
 * @param threads the thread count the Python libraries were held to
 * @param quick whether the short sampling of {@code --quick} was used
 * @param interpreter the python that ran the script
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TutorialReferenceData(String schema, String status, String reason, String python, String numpy, String torch,
    Integer threads, Boolean quick, @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Row> rows, String interpreter) {
  public static final String SCHEMA = "gdbench-tutorial-reference/1";
  public static final String COMPLETE = "complete";
  public static final String NOT_RUN = "not run";
  /** The reason given when no interpreter has both libraries; also the report's default reason. */
  public static final String PYTHON_NOT_FOUND = "python3 with numpy and torch not found";

  public TutorialReferenceData {
    rows = rows == null ? List.of() : rows;
  }

  /** One library and stage on one workload: mean steps per second over the samples, and their standard deviation. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Row(String library, String stage, String workload, int n, int d, double stepsPerSecond, double stdev, double[] samples) {}

  public static TutorialReferenceData notRun(String reason) {
    return new TutorialReferenceData(SCHEMA, NOT_RUN, reason, null, null, null, null, null, null, null);
  }

  public boolean complete() {
    return COMPLETE.equals(status);
  }

  public TutorialReferenceData withInterpreter(String python) {
    return new TutorialReferenceData(schema, status, reason, this.python, numpy, torch, threads, quick, rows, python);
  }

  /** Any version of the schema is read, as the report always has: fields it does not know are ignored. */
  static boolean readable(String schema) {
    return schema != null && schema.startsWith(SCHEMA.substring(0, SCHEMA.indexOf('/') + 1));
  }
}
