package gdbench.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a working set lives on the run's machine: in which cache level it fits, or how many times
 * the last level it is (then every step streams it from DRAM). Read from env.json's
 * {@code hardware.caches} as Linux names the sizes ({@code 48K}, {@code 32768K}).
 */
final class CacheFit {
  private static final Pattern SIZE = Pattern.compile("\\s*(\\d+(?:\\.\\d+)?)\\s*([KMG]?)i?B?\\s*", Pattern.CASE_INSENSITIVE);

  private CacheFit() {}

  /** The data caches by level, smallest first: L1d (or L1), L2, L3, with their sizes in bytes. */
  static Map<String, Long> levels(Map<String, String> caches) {
    Map<String, Long> levels = new LinkedHashMap<>();
    for (String level : new String[] {"L1d", "L1", "L2", "L3", "L4"}) {
      long bytes = bytes(caches.get(level));
      if (bytes > 0 && !(level.equals("L1") && levels.containsKey("L1d"))) {
        levels.put(level, bytes);
      }
    }
    return levels;
  }

  /** "fits L2", "fits L3", "DRAM: 4× L3", or "caches not recorded". */
  static String label(long workingSet, Map<String, String> caches) {
    Map<String, Long> levels = levels(caches);
    if (levels.isEmpty()) {
      return "caches not recorded";
    }
    String last = null;
    for (Map.Entry<String, Long> e : levels.entrySet()) {
      if (workingSet <= e.getValue()) {
        return "fits " + e.getKey();
      }
      last = e.getKey();
    }
    double times = (double) workingSet / levels.get(last);
    String t = String.format(Locale.ROOT, "%.1f", times);
    return "DRAM: " + (t.endsWith(".0") ? t.substring(0, t.length() - 2) : t) + "× " + last;
  }

  static long bytes(String size) {
    if (size == null) {
      return 0;
    }
    Matcher m = SIZE.matcher(size);
    if (!m.matches()) {
      return 0;
    }
    double v = Double.parseDouble(m.group(1));
    return (long) (v * switch (m.group(2).toUpperCase(Locale.ROOT)) {
      case "K" -> 1024L;
      case "M" -> 1024L * 1024;
      case "G" -> 1024L * 1024 * 1024;
      default -> 1L;
    });
  }
}
