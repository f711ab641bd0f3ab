package gdbench.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What the run ran on besides the hardware: OS, JDK, the project's git state; and small file and process helpers. */
final class Environment {
  private Environment() {}

  // ---------------------------------------------------------------- OS and JDK

  static Map<String, Object> os() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", System.getProperty("os.name"));
    m.put("version", System.getProperty("os.version"));
    m.put("arch", System.getProperty("os.arch"));
    String pretty = null;
    for (String line : lines(Path.of("/etc/os-release"))) {
      if (line.startsWith("PRETTY_NAME=")) {
        pretty = line.substring("PRETTY_NAME=".length()).replace("\"", "");
      }
    }
    m.put("distribution", pretty);
    return m;
  }

  static Map<String, Object> jdk() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", System.getProperty("java.version"));
    m.put("runtimeVersion", System.getProperty("java.runtime.version"));
    m.put("vendor", System.getProperty("java.vendor"));
    m.put("vmName", System.getProperty("java.vm.name"));
    m.put("vmVersion", System.getProperty("java.vm.version"));
    m.put("home", System.getProperty("java.home"));
    m.put("vectorSpecies", vectorSpecies());
    return m;
  }

  /** The JVM's preferred float vector species, e.g. "Species[float, 8, S_256_BIT]", or null. */
  static String vectorSpecies() {
    try {
      return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.toString();
    } catch (LinkageError e) { // started without --add-modules jdk.incubator.vector
      return null;
    }
  }

  static Integer vectorBitSize() {
    try {
      return jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.vectorBitSize();
    } catch (LinkageError e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- git

  /** The project's commit and whether the tree differs from it (results/ does not count). */
  static Map<String, Object> git(Path basedir) {
    Map<String, Object> m = new LinkedHashMap<>();
    String commit = run(List.of("git", "rev-parse", "HEAD"), basedir);
    m.put("commit", commit == null ? null : commit.trim());
    String branch = run(List.of("git", "rev-parse", "--abbrev-ref", "HEAD"), basedir);
    m.put("branch", branch == null ? null : branch.trim());
    String status = commit == null ? null : run(List.of("git", "status", "--porcelain", "--", ".", ":(exclude)results"), basedir);
    if (status == null) {
      m.put("dirty", null);
      m.put("dirtyFiles", List.of());
    } else {
      List<String> files = new ArrayList<>();
      for (String line : status.split("\n")) {
        if (!line.isBlank()) {
          files.add(line.length() > 3 ? line.substring(3).trim() : line.trim());
        }
      }
      m.put("dirty", !files.isEmpty());
      m.put("dirtyFiles", files.size() > 50 ? files.subList(0, 50) : files);
    }
    return m;
  }

  // ---------------------------------------------------------------- helpers

  /** Runs a short command; its stdout, or null if it cannot run or fails. */
  static String run(List<String> command, Path dir) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD);
      if (dir != null) {
        pb.directory(dir.toFile());
      }
      Process p = pb.start();
      p.getOutputStream().close();
      byte[] out;
      try (InputStream in = p.getInputStream()) {
        out = in.readAllBytes();
      }
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroy();
        return null;
      }
      return p.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException | RuntimeException e) {
      return List.of();
    }
  }

  static String firstLine(Path file) {
    List<String> l = lines(file);
    return l.isEmpty() ? null : l.get(0).trim();
  }

  /** Prefixes of the environment variables that change which native kernels run or how many threads they use. */
  static final java.util.List<String> NATIVE_PREFIXES = java.util.List.of("OPENBLAS_", "MKL_", "OMP_", "KMP_", "DNNL_", "GOTO", "ONEDNN_", "TF_ENABLE_");

  /** Every such variable of this process (the forks inherit them), sorted by name. */
  static java.util.Map<String, String> nativeEnvironment() {
    java.util.Map<String, String> m = new java.util.TreeMap<>();
    System.getenv().forEach((k, v) -> {
      if (NATIVE_PREFIXES.stream().anyMatch(k::startsWith)) {
        m.put(k, v);
      }
    });
    return m;
  }
}
