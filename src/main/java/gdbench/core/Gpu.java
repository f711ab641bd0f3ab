package gdbench.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What this machine offers a CUDA backend: an NVIDIA driver and a CUDA runtime library. Backends
 * that can use a GPU ask here before they try, so that {@code --device gpu} fails at once with one
 * line saying what was looked for, instead of deep inside a native library.
 *
 * @param driver the driver's version line, or null when none was found
 * @param runtime the path of a CUDA runtime library ({@code libcudart.so*}), or null
 * @param gpus GPU names and memory as {@code nvidia-smi} lists them (empty without nvidia-smi)
 * @param lookedFor where the probe looked, for error messages
 */
public record Gpu(String driver, String runtime, List<String> gpus, String lookedFor) {
  static final Path DRIVER = Path.of("/proc/driver/nvidia/version");
  static final List<String> RUNTIME_DIRS = List.of("/usr/local/cuda/lib64", "/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib");

  private static Gpu probed;

  /** Probes once per process. */
  public static synchronized Gpu probe() {
    if (probed == null) {
      probed = doProbe();
    }
    return probed;
  }

  /** Null when a GPU is usable, else one line saying what was looked for and not found. */
  public String unavailableReason() {
    if (driver == null) {
      return "no NVIDIA GPU driver found (looked for " + DRIVER + " and nvidia-smi)";
    }
    if (runtime == null) {
      return "NVIDIA driver present but no CUDA runtime (looked for libcudart.so in " + lookedFor + ")";
    }
    return null;
  }

  private static Gpu doProbe() {
    String driver = null;
    if (Files.isReadable(DRIVER)) {
      try {
        driver = Files.readAllLines(DRIVER).stream().findFirst().orElse("NVIDIA driver").trim();
      } catch (IOException e) {
        driver = null;
      }
    }
    List<String> gpus = nvidiaSmi();
    if (driver == null && !gpus.isEmpty()) {
      driver = "nvidia-smi lists " + gpus.size() + " GPU(s)";
    }
    List<String> dirs = new ArrayList<>();
    String ld = System.getenv("LD_LIBRARY_PATH");
    if (ld != null) {
      for (String d : ld.split(":")) {
        if (!d.isBlank()) {
          dirs.add(d);
        }
      }
    }
    String cudaHome = System.getenv("CUDA_HOME");
    if (cudaHome != null) {
      dirs.add(cudaHome + "/lib64");
    }
    dirs.addAll(RUNTIME_DIRS);
    String runtime = null;
    for (String d : dirs) {
      try (var files = Files.list(Path.of(d))) {
        runtime = files.map(Path::toString).filter(f -> f.contains("libcudart.so")).sorted().findFirst().orElse(null);
      } catch (IOException | RuntimeException e) {
        continue; // not a directory here
      }
      if (runtime != null) {
        break;
      }
    }
    return new Gpu(driver, runtime, gpus, "LD_LIBRARY_PATH, CUDA_HOME, " + String.join(", ", RUNTIME_DIRS));
  }

  private static List<String> nvidiaSmi() {
    try {
      Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,memory.total,driver_version", "--format=csv,noheader")
          .redirectErrorStream(true).start();
      List<String> lines = new String(p.getInputStream().readAllBytes()).lines().filter(l -> !l.isBlank()).toList();
      return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0 ? lines : List.of();
    } catch (IOException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
