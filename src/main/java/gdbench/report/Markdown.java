package gdbench.report;

import gdbench.runfolder.JmhResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Markdown tables and number formats; every format fixed to Locale.ROOT so output is reproducible. */
final class Markdown {
  private Markdown() {}

  static final class Table {
    private final List<String> header;
    private final List<Boolean> right;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns named with a leading '>' are right-aligned (numbers). */
    Table(String... columns) {
      header = new ArrayList<>();
      right = new ArrayList<>();
      for (String c : columns) {
        right.add(c.startsWith(">"));
        header.add(c.startsWith(">") ? c.substring(1) : c);
      }
    }

    Table row(Object... cells) {
      List<String> row = new ArrayList<>();
      for (Object c : cells) {
        row.add(c == null ? "" : c.toString().replace("|", "\\|").replace("\n", " "));
      }
      while (row.size() < header.size()) {
        row.add("");
      }
      rows.add(row);
      return this;
    }

    boolean isEmpty() {
      return rows.isEmpty();
    }

    String render() {
      StringBuilder sb = new StringBuilder();
      sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
      for (boolean r : right) {
        sb.append(r ? "---:|" : "---|");
      }
      sb.append('\n');
      for (List<String> row : rows) {
        sb.append("| ").append(String.join(" | ", row)).append(" |\n");
      }
      return sb.toString();
    }
  }

  /** A duration given in seconds, in the unit that keeps 3 significant digits readable. */
  static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "-";
    }
    double abs = Math.abs(seconds);
    if (abs < 1e-6) {
      return sig(seconds * 1e9) + " ns";
    }
    if (abs < 1e-3) {
      return sig(seconds * 1e6) + " µs";
    }
    if (abs < 1) {
      return sig(seconds * 1e3) + " ms";
    }
    return sig(seconds) + " s";
  }

  /** Three significant digits, no exponent for everyday magnitudes. */
  static String sig(double v) {
    if (!Double.isFinite(v)) {
      return "-";
    }
    double abs = Math.abs(v);
    if (abs != 0 && (abs >= 1e7 || abs < 1e-3)) {
      return String.format(Locale.ROOT, "%.2e", v);
    }
    if (abs >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (abs >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }

  /** A rate with an SI prefix, e.g. 1.23 M. */
  static String rate(double perSecond) {
    if (!Double.isFinite(perSecond)) {
      return "-";
    }
    String[] prefixes = {"", " k", " M", " G", " T"};
    int i = 0;
    double v = perSecond;
    while (Math.abs(v) >= 1000 && i < prefixes.length - 1) {
      v /= 1000;
      i++;
    }
    return sig(v) + prefixes[i];
  }

  static String percent(double fraction) {
    return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : "-";
  }

  static String times(double ratio) {
    return Double.isFinite(ratio) ? sig(ratio) + "×" : "-";
  }

  static String sci(Double v) {
    return v == null || !Double.isFinite(v) ? "-" : String.format(Locale.ROOT, "%.3g", v);
  }

  /** A secondary metric in bytes, its score multiplied by {@code scale} (1024 * 1024 for MiB); "-" where the result has none. */
  static String bytes(JmhResults.Result r, String metric, double scale) {
    JmhResults.Metric m = r.secondary().get(metric);
    return m == null ? "-" : bytes(m.score() * scale);
  }

  static String bytes(double b) {
    if (!Double.isFinite(b)) {
      return "-";
    }
    double abs = Math.abs(b);
    if (abs < 1) {
      return b < 0 ? "> -1 B" : b == 0 ? "0 B" : "< 1 B";
    }
    if (abs < 1024) {
      return sig(b) + " B";
    }
    if (abs < 1024 * 1024) {
      return sig(b / 1024) + " KiB";
    }
    if (abs < 1024.0 * 1024 * 1024) {
      return sig(b / 1024 / 1024) + " MiB";
    }
    return sig(b / 1024 / 1024 / 1024) + " GiB";
  }

  // A run folder's fields are null where it has no value: each page element picks its own default,
  // as the report always has ("?" for an unknown version, "" for a missing name).

  static String or(String value, String otherwise) {
    return value == null ? otherwise : value;
  }

  static double or(Double value, double otherwise) {
    return value == null ? otherwise : value;
  }

  static int or(Integer value, int otherwise) {
    return value == null ? otherwise : value;
  }

  /** The text, or nothing where there is none. */
  static String text(String value) {
    return value == null ? "" : value;
  }
}
