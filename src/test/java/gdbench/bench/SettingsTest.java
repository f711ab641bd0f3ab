package gdbench.bench;

import gdbench.core.Workload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.runfolder.BenchmarkKind;
import gdbench.core.GdbenchException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static Settings of(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return Settings.from(p);
  }

  @Test
  void theFullRunCoversEveryBenchmarkAndWorkload() {
    Settings s = of();
    assertFalse(s.quick);
    assertEquals(List.of(BenchmarkKind.STEP, BenchmarkKind.FLOOR, BenchmarkKind.TARGET, BenchmarkKind.COLD), s.kinds);
    assertEquals(List.of(Workload.SEED, Workload.LARGE, Workload.HUGE), s.workloads.get(BenchmarkKind.STEP),
        "the three regimes: per call, from cache, from DRAM");
    assertTrue(s.hugeFastestOnly, "huge for each library's fastest cell");
    assertFalse(of("bench.workloads", "huge").hugeFastestOnly, "named workloads run for every cell");
    assertEquals(List.of(Workload.SEED), s.workloads.get(BenchmarkKind.TARGET));
    assertEquals(Settings.DEFAULT_FULL_BUDGET_MINUTES, s.budgetMinutes, "time-boxed by default");
    assertEquals(0, of("bench.quick", "true").budgetMinutes, "quick is not time-boxed");
    assertEquals(List.of(Workload.LARGE), s.workloads.get(BenchmarkKind.COLD));
    assertEquals(5, s.timing.get(BenchmarkKind.STEP).forks(), "at least 5 forks per step result");
    assertEquals(3, s.timing.get(BenchmarkKind.TARGET).forks(), "at least 3 per time to target");
    assertEquals(10, s.timing.get(BenchmarkKind.COLD).forks(), "at least 10 for cold start");
    assertEquals("4g", s.gcHeap);
    assertTrue(s.forkJvmArgs().containsAll(List.of("-Xms1g", "-Xmx1g")));
    assertEquals(1, s.threads);
    assertEquals(List.of("gc", "rss"), s.profilers);
  }

  @Test
  void onAGpuTheHostToDeviceCopyIsMeasuredToo() {
    Settings s = of("bench.device", "gpu");
    assertEquals(List.of(BenchmarkKind.STEP, BenchmarkKind.FLOOR, BenchmarkKind.TARGET, BenchmarkKind.COLD, BenchmarkKind.TRANSFER), s.kinds);
    assertEquals(List.of(Workload.LARGE), s.workloads.get(BenchmarkKind.TRANSFER));
    assertEquals(List.of(BenchmarkKind.TRANSFER), of("bench.benchmarks", "transfer").kinds, "on the CPU on request");
  }

  @Test
  void quickIsShorterButStillCoversTheStepMatrix() {
    Settings s = of("bench.quick", "true");
    assertTrue(s.quick);
    assertEquals(List.of(Workload.SEED, Workload.LARGE), s.workloads.get(BenchmarkKind.STEP));
    Settings.Timing quick = s.timing.get(BenchmarkKind.STEP);
    Settings.Timing full = of().timing.get(BenchmarkKind.STEP);
    assertTrue(quick.forks() >= 2 && quick.forks() < full.forks());
    assertEquals(full.warmupIterations() * full.warmupMillis(), quick.warmupIterations() * quick.warmupMillis(),
        "quick mode ends warm-up on the same rule: fewer forks and iterations, not a shorter warm-up");
    assertEquals(full.warmupIterations(), quick.warmupIterations());
  }

  /** mvn -Pbench passes every setting, the unset ones as empty strings. */
  @Test
  void emptyValuesMeanTheDefault() {
    Settings s = of("bench.quick", "false", "bench.workloads", "", "bench.device", " ", "bench.heap", "", "bench.results", "",
        "bench.forks", "", "bench.profilers", "", "bench.machine", "");
    assertFalse(s.quick);
    assertEquals(List.of(Workload.SEED, Workload.LARGE, Workload.HUGE), s.workloads.get(BenchmarkKind.STEP));
    assertTrue(s.hugeFastestOnly);
    assertEquals("1g", s.heap);
    assertEquals(List.of("gc", "rss"), s.profilers);
    assertEquals(null, s.machine);
    assertTrue(s.resultsRoot.endsWith("results"));
  }

  /** java -Dbench.quick (no value) sets the property to "", mvn -Dbench.quick to "true". */
  @Test
  void aBareSwitchMeansTrue() {
    assertTrue(of("bench.quick", "").quick);
    assertTrue(of("bench.quick", "true").quick);
    assertTrue(of("bench.strict", "").strict);
  }

  @Test
  void anExplicitWorkloadListAppliesToEveryBenchmark() {
    Settings s = of("bench.workloads", "seed, wide", "bench.cold.workloads", "seed");
    assertEquals(List.of(Workload.SEED, Workload.WIDE), s.workloads.get(BenchmarkKind.STEP));
    assertEquals(List.of(Workload.SEED, Workload.WIDE), s.workloads.get(BenchmarkKind.TARGET));
    assertEquals(List.of(Workload.SEED), s.workloads.get(BenchmarkKind.COLD));
  }

  @Test
  void forkJvmOptionsAreAppendedWithTheModuleAndOfflineFlags() {
    List<String> args = of("bench.jvmArgs", "-XX:+UseParallelGC -Dx=1").forkJvmArgs();
    assertTrue(args.containsAll(List.of("--add-modules=jdk.incubator.vector", "-Dai.djl.offline=true", "-Xms1g", "-Xmx1g")));
    assertEquals(List.of("-XX:+UseParallelGC", "-Dx=1"), args.subList(args.size() - 2, args.size()));
  }

  @Test
  void badValuesAreNamed() {
    assertTrue(assertThrows(GdbenchException.class, () -> of("bench.threads", "0")).getMessage().contains("bench.threads"));
    assertTrue(assertThrows(GdbenchException.class, () -> of("bench.workloads", "enormous")).getMessage().contains("enormous"));
    assertTrue(assertThrows(GdbenchException.class, () -> of("bench.benchmarks", "speed")).getMessage().contains("speed"));
    assertTrue(assertThrows(GdbenchException.class, () -> of("bench.quick", "yes")).getMessage().contains("bench.quick"));
    assertTrue(assertThrows(GdbenchException.class, () -> of("bench.machine", "../x")).getMessage().contains("bench.machine"));
    assertTrue(assertThrows(GdbenchException.class, () -> of("bench.profilers", "perf")).getMessage().contains("perf"));
    // a misspelt or retired setting is named, not silently ignored
    assertTrue(assertThrows(GdbenchException.class, () -> of("bench.target.shots", "5")).getMessage()
        .startsWith("unknown setting -Dbench.target.shots"));
  }

  /**
   * JMH's forks inherit the runner's environment and JMH cannot set it, so the launchers set the
   * native thread variables: every one the backends declare.
   */
  @Test
  void theLaunchersSetEveryThreadVariableTheBackendsDeclare() throws java.io.IOException {
    String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
    String bench = java.nio.file.Files.readString(java.nio.file.Path.of("scripts/bench"));
    for (String variable : gdbench.core.Backends.threadEnvironment()) {
      assertTrue(pom.contains("<" + variable + ">${bench.threads}</" + variable + ">"), "the bench profile does not set " + variable);
      assertTrue(bench.contains(variable + "=\"$threads\""), "scripts/bench does not set " + variable);
    }
  }

  /** -Dbench.sweep takes size, features or both; a misspelt sweep is named. */
  @Test
  void sweepsAreChosenByName() {
    Settings both = of("bench.sweep", "size,features");
    assertEquals(12, both.sizeSweep.size());
    assertEquals(List.of(1, 4, 16, 64, 256), both.featureSweep.stream().map(gdbench.core.Workload::d).toList());
    assertTrue(both.featureSweep.stream().allMatch(w -> (long) w.n() * w.d() == gdbench.core.Workload.FEATURE_SWEEP_VALUES));
    assertTrue(of("bench.sweep", "features").sizeSweep.isEmpty());
    assertTrue(assertThrows(GdbenchException.class, () -> of("bench.sweep", "feature")).getMessage().contains("unknown sweep 'feature'"));
  }

  /** The launchers also set the other variables the backends' libraries read when they load. */
  @Test
  void theLaunchersSetTheBackendsEnvironment() throws java.io.IOException {
    String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
    String bench = java.nio.file.Files.readString(java.nio.file.Path.of("scripts/bench"));
    for (gdbench.core.Backend b : gdbench.core.Backends.all()) {
      b.environment().forEach((variable, value) -> {
        assertTrue(pom.contains("<" + variable + ">" + value + "</" + variable + ">"), "the bench profile does not set " + variable);
        assertTrue(bench.contains(variable + "=\"${" + variable + ":-" + value + "}\""), "scripts/bench does not set " + variable);
      });
    }
  }

  /** The forks' OpenBLAS names its kernel (the runner records it): both launchers ask it to. */
  @Test
  void theLaunchersAskOpenblasToNameItsKernel() throws java.io.IOException {
    assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml")).contains("<OPENBLAS_VERBOSE>2</OPENBLAS_VERBOSE>"));
    assertTrue(java.nio.file.Files.readString(java.nio.file.Path.of("scripts/bench")).contains("OPENBLAS_VERBOSE=\"${OPENBLAS_VERBOSE:-2}\""));
  }

  /** The pom passes every setting it knows to the runner; the runner knows the same ones. */
  @Test
  void thePomPassesEveryKnownSetting() throws java.io.IOException {
    String pom = java.nio.file.Files.readString(java.nio.file.Path.of("pom.xml"));
    for (String key : Settings.KNOWN) {
      assertTrue(pom.contains("<argument>-D" + key + "=${"), "the bench profile does not pass -D" + key);
    }
  }
}
