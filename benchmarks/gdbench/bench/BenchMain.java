package gdbench.bench;

import gdbench.core.GdbenchException;
import java.io.IOException;

/**
 * The benchmark runner's entry point: {@code mvn verify -Pbench} and {@code scripts/bench} start it
 * in a plain {@code java} process (JMH forks take their classpath from it). It runs every
 * (benchmark, served cell, workload) of the {@link BenchPlan} as its own JMH run ({@link BenchRun})
 * and writes a new run folder {@code results/<machine>/<timestamp>/}: env.json, jmh.json, jmh.log.
 *
 * <p>A benchmark that fails is recorded with its reason and the run goes on; only a run that
 * attempted everything is marked {@code complete}. Exit status: 0 when the run is complete (failed
 * benchmarks fail it only with {@code -Dbench.strict=true}), 1 when it is incomplete, nothing
 * succeeded or a step after JMH failed, 2 for bad settings.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println("usage: java --add-modules jdk.incubator.vector -cp CLASSPATH [-Dbench.*=...] gdbench.bench.BenchMain");
      System.out.println("  or: scripts/bench --help, mvn verify -Pbench [-Dbench.*=...]; the README's Benchmarks section lists the settings");
      return;
    }
    int code;
    try {
      code = new BenchRun(Settings.from(System.getProperties())).run();
    } catch (GdbenchException e) {
      System.err.println("error: " + e.getMessage());
      code = 2;
    } catch (IOException e) {
      System.err.println("error: " + e);
      code = 1;
    }
    System.out.flush();
    System.exit(code);
  }
}
