package gdbench.bench;

import gdbench.core.GdbenchException;
import gdbench.runfolder.CollapsedStacks;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The profiling mode (-Dbench.profile=async): the first fork of every step result runs under
 * async-profiler (tools.profiler:async-profiler from Maven Central, through JMH's {@code async}
 * profiler), which writes a flame graph and the collapsed stacks into the run folder, under
 * {@code profiles/<cell>/<workload>/}. CPU time of every thread of the fork (the GC's and the JIT's
 * too) is sampled: the {@code cpu} event uses perf events where the kernel allows them and a timer
 * otherwise. The other forks measure without it, so the profiler does not change the published numbers.
 */
final class AsyncProfiling {
  static final String EVENT = "cpu";
  /** Sampling interval in ns of CPU time: about 1,000 samples a second of a busy thread. */
  static final long INTERVAL_NS = 1_000_000;
  private static Path library;

  private AsyncProfiling() {}

  /** Where the profile of an item goes: {@code profiles/<cell, '/' as '_'>/<workload>[-<threads>t]}. */
  static Path folder(Path runDir, PlanItem item, int runThreads) {
    String workload = item.workload.id() + (item.threads == runThreads ? "" : "-" + item.threads + "t");
    return runDir.resolve(CollapsedStacks.folder(item.cell, workload));
  }

  /** JMH's options of its async profiler for a profile written into {@code dir}. */
  static String options(Path dir) {
    return String.format(Locale.ROOT, "libPath=%s;event=%s;interval=%d;output=flamegraph,collapsed;direction=forward;dir=%s",
        library(), EVENT, INTERVAL_NS, dir);
  }

  /**
   * After the fork: JMH writes into a folder named after the benchmark and its parameters inside
   * {@code dir}; its files move up into {@code dir}, the collapsed stacks gzipped as {@link CollapsedStacks#STACKS} (the report reads
   * them; C++ frame names make them large). A fork that wrote nothing leaves nothing.
   */
  static void tidy(Path dir) {
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (var trials = Files.list(dir)) {
      for (Path trial : trials.filter(Files::isDirectory).toList()) {
        try (var files = Files.list(trial)) {
          for (Path f : files.toList()) {
            String name = f.getFileName().toString();
            if (name.endsWith(".csv")) {
              try (InputStream in = Files.newInputStream(f);
                  var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(dir.resolve(name + ".gz")))) {
                in.transferTo(out);
              }
              Files.delete(f);
            } else {
              Files.move(f, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
          }
        }
        Files.delete(trial);
      }
    } catch (IOException e) {
      throw new GdbenchException("cannot tidy the profile in " + dir + ": " + e.getMessage());
    }
  }

  /** The profiler's native library, copied once from its jar on the class path into a temporary folder. */
  static synchronized Path library() {
    if (library != null) {
      return library;
    }
    String arch = System.getProperty("os.arch");
    String platform = !System.getProperty("os.name").toLowerCase(Locale.ROOT).contains("linux") ? null
        : arch.equals("amd64") || arch.equals("x86_64") ? "linux-x64" : arch.equals("aarch64") ? "linux-arm64" : null;
    if (platform == null) {
      throw new GdbenchException("-Dbench.profile=async needs Linux on x86-64 or arm64 (async-profiler's libraries), this is "
          + System.getProperty("os.name") + " on " + arch);
    }
    String resource = "/" + platform + "/libasyncProfiler.so";
    try (InputStream in = AsyncProfiling.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new GdbenchException("async-profiler's " + resource + " is not on the class path: rebuild with mvn package");
      }
      Path dir = Files.createTempDirectory("gdbench-async-profiler");
      Path lib = dir.resolve("libasyncProfiler.so");
      Files.copy(in, lib, StandardCopyOption.REPLACE_EXISTING);
      lib.toFile().deleteOnExit();
      dir.toFile().deleteOnExit();
      library = lib;
      return lib;
    } catch (IOException e) {
      throw new GdbenchException("cannot copy async-profiler's library: " + e.getMessage());
    }
  }
}
