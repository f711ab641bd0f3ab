package gdbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.BenchmarkException;
import org.openjdk.jmh.runner.RunnerException;

class FailureReasonTest {

  @Test
  void theBenchmarksOwnExceptionIsTheReason() {
    RunnerException e = new RunnerException("Benchmark caught the exception",
        new BenchmarkException(new IllegalStateException("plain/manual on seed: the loss became NaN (training diverged)")));
    assertEquals("IllegalStateException: plain/manual on seed: the loss became NaN (training diverged)", FailureReasons.reason(e, List.of()));
  }

  @Test
  void aDeadForkIsExplainedByTheErrorInItsOutput() {
    RunnerException e = new RunnerException("Benchmark caught the exception",
        new BenchmarkException(new IllegalStateException("Forked VM failed with exit code 1")));
    List<String> tail = List.of("<stderr last='20 lines'>", "java.lang.OutOfMemoryError: Java heap space", "</stderr>",
        "Benchmark had encountered error, and fail on error was requested");
    assertEquals("IllegalStateException: Forked VM failed with exit code 1: java.lang.OutOfMemoryError: Java heap space",
        FailureReasons.reason(e, tail));
  }
}
