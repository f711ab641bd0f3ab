package gdbench.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The machine the run ran on, from /proc and /sys (Linux; elsewhere what the JVM knows). */
final class Hardware {
  /** CPU flags worth recording, in order of preference for {@link #instructionSet}. */
  private static final List<String> SIMD_FLAGS = List.of(
      "amx_tile", "avx512_bf16", "avx512_vnni", "avx512bw", "avx512vl", "avx512f", "avx2", "fma", "avx", "sse4_2", "sse4_1",
      "sve2", "sve", "asimd", "neon");

  private Hardware() {}

  static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> cpuinfo = Environment.lines(Path.of("/proc/cpuinfo"));
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
    String cpuMax = Environment.firstLine(Path.of("/sys/fs/cgroup/cpu.max"));
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
    String mac = Environment.run(List.of("sysctl", "-n", "machdep.cpu.brand_string"), null);
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
    for (String line : Environment.lines(Path.of("/proc/meminfo"))) {
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
      String level = Environment.firstLine(idx.resolve("level"));
      String type = Environment.firstLine(idx.resolve("type"));
      String size = Environment.firstLine(idx.resolve("size"));
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

  private static String key(String line) {
    int i = line.indexOf(':');
    return i < 0 ? "" : line.substring(0, i).trim();
  }

  private static String value(String line) {
    int i = line.indexOf(':');
    return i < 0 ? "" : line.substring(i + 1).trim();
  }
}
