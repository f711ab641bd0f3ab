package gdbench.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** What the run ran on: hardware, OS, JDK, libraries on the classpath, the project's git state. */
final class Environment {
  /** CPU flags worth recording, in order of preference for {@link #instructionSet}. */
  private static final List<String> SIMD_FLAGS = List.of(
      "amx_tile", "avx512_bf16", "avx512_vnni", "avx512bw", "avx512vl", "avx512f", "avx2", "fma", "avx", "sse4_2", "sse4_1",
      "sve2", "sve", "asimd", "neon");

  private Environment() {}

  // ---------------------------------------------------------------- hardware

  static Map<String, Object> hardware() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
    String model = cpuModel(cpuinfo);
    m.put("cpuModel", model);
    int logical = 0;
    Set<String> physical = new HashSet<>();
    Set<String> sockets = new HashSet<>();
    String physicalId = "0";
    String flags = "";
    for (String line : cpuinfo) {
      String key = key(line);
      switch (key) {
        case "processor" -> logical++;
        case "physical id" -> {
          physicalId = value(line);
          sockets.add(physicalId);
        }
        case "core id" -> physical.add(physicalId + "/" + value(line));
        case "flags", "Features" -> {
          if (flags.isEmpty()) {
            flags = value(line);
          }
        }
        default -> { }
      }
    }
    m.put("logicalCores", logical > 0 ? logical : Runtime.getRuntime().availableProcessors());
    m.put("physicalCores", physical.isEmpty() ? null : physical.size());
    m.put("sockets", sockets.isEmpty() ? null : sockets.size());
    m.put("availableProcessors", Runtime.getRuntime().availableProcessors());
    String cpuMax = firstLine(Path.of("/sys/fs/cgroup/cpu.max"));
    m.put("cgroupCpuMax", cpuMax);
    List<String> isa = instructionSets(flags);
    m.put("instructionSets", isa);
    m.put("memoryBytes", memTotal());
    m.put("caches", caches());
    return m;
  }

  static String cpuModel(List<String> cpuinfo) {
    for (String wanted : List.of("model name", "Model", "Hardware", "Processor", "cpu model")) {
      for (String line : cpuinfo) {
        if (key(line).equals(wanted) && !value(line).isEmpty()) {
          return value(line);
        }
      }
    }
    String mac = run(List.of("sysctl", "-n", "machdep.cpu.brand_string"), null);
    if (mac != null && !mac.isBlank()) {
      return mac.trim();
    }
    return System.getProperty("os.arch");
  }

  static List<String> instructionSets(String flags) {
    Set<String> have = new HashSet<>(Arrays.asList(flags.trim().split("\\s+")));
    List<String> out = new ArrayList<>();
    for (String f : SIMD_FLAGS) {
      if (have.contains(f)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The widest SIMD instruction set the CPU reports, e.g. avx2. */
  static String instructionSet(List<String> sets) {
    for (String f : List.of("avx512f", "avx2", "avx", "sse4_2", "sve2", "sve", "asimd", "neon")) {
      if (sets.contains(f)) {
        return f;
      }
    }
    return null;
  }

  private static Long memTotal() {
    for (String line : lines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        return Long.parseLong(value(line).split("\\s+")[0]) * 1024;
      }
    }
    return null;
  }

  private static Map<String, String> caches() {
    Map<String, String> m = new LinkedHashMap<>();
    Path dir = Path.of("/sys/devices/system/cpu/cpu0/cache");
    for (int i = 0; i < 8; i++) {
      Path idx = dir.resolve("index" + i);
      String level = firstLine(idx.resolve("level"));
      String type = firstLine(idx.resolve("type"));
      String size = firstLine(idx.resolve("size"));
      if (level == null || size == null) {
        continue;
      }
      String name = "L" + level + ("Data".equals(type) ? "d" : "Instruction".equals(type) ? "i" : "");
      m.put(name, size);
    }
    return m;
  }

  /**
   * A name that stays the same on the same hardware (container host names change per session):
   * the CPU model, the logical core count and the widest SIMD set, as a lowercase slug, e.g.
   * {@code amd-epyc-2c-avx512}. The SIMD set is in it because virtual machines often report a bare
   * model name ("AMD EPYC") for CPUs of different generations, and the vector width changes results.
   */
  static String machineSlug(String cpuModel, int cores, String instructionSet) {
    String s = cpuModel == null ? "unknown" : cpuModel.toLowerCase(Locale.ROOT);
    s = s.replaceAll("\\((r|tm|c)\\)", " ")
        .replaceAll("@.*$", " ")
        .replaceAll("\\b(cpu|processor|\\d+-core)\\b", " ")
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("^-+|-+$", "");
    if (s.isEmpty()) {
      s = "unknown";
    }
    s = s + "-" + cores + "c";
    if (instructionSet == null) {
      return s;
    }
    return s + "-" + (instructionSet.equals("avx512f") ? "avx512" : instructionSet.replaceAll("[^a-z0-9]+", ""));
  }

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

  // ---------------------------------------------------------------- libraries

  /**
   * The Maven coordinates of every jar on the classpath, {@code group:artifact:version[:classifier]},
   * read from the local-repository layout ({@code .../group/path/artifact/version/artifact-version[-classifier].jar}).
   * The classifier names the native flavour (e.g. {@code nd4j-native ... :linux-x86_64-avx2}).
   */
  static List<String> classpathLibraries(String classpath) {
    Set<String> out = new TreeSet<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.endsWith(".jar")) {
        continue;
      }
      Path jar = Path.of(entry);
      Path versionDir = jar.getParent();
      Path artifactDir = versionDir == null ? null : versionDir.getParent();
      String file = jar.getFileName().toString();
      if (artifactDir == null) {
        out.add(file);
        continue;
      }
      String version = versionDir.getFileName().toString();
      String artifact = artifactDir.getFileName().toString();
      String prefix = artifact + "-" + version;
      if (!file.startsWith(prefix)) {
        out.add(file);
        continue;
      }
      String rest = file.substring(prefix.length(), file.length() - ".jar".length());
      String classifier = rest.startsWith("-") ? rest.substring(1) : null;
      String group = groupOf(artifactDir.getParent());
      out.add((group == null ? "" : group + ":") + artifact + ":" + version + (classifier == null ? "" : ":" + classifier));
    }
    return new ArrayList<>(out);
  }

  private static String groupOf(Path dir) {
    List<String> parts = new ArrayList<>();
    for (Path p = dir; p != null && p.getFileName() != null; p = p.getParent()) {
      String name = p.getFileName().toString();
      if (name.equals("repository")) {
        return String.join(".", parts);
      }
      parts.add(0, name);
    }
    return null; // not a Maven repository layout
  }

  /** Classpath coordinates with a platform classifier: the native flavour of each library. */
  static List<String> nativeArtifacts(List<String> libraries) {
    List<String> out = new ArrayList<>();
    for (String coord : libraries) {
      if (coord.split(":").length == 4) {
        out.add(coord);
      }
    }
    return out;
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

  private static String key(String line) {
    int i = line.indexOf(':');
    return i < 0 ? "" : line.substring(0, i).trim();
  }

  private static String value(String line) {
    int i = line.indexOf(':');
    return i < 0 ? "" : line.substring(i + 1).trim();
  }
}
