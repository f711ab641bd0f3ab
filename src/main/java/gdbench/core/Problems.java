package gdbench.core;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Where problems come from: {@code seed}, {@code synthetic:n=N,d=D,seed=S[,noise=E][,bias=B][,w=W1:W2:...]},
 * or a CSV file with the features first and the target in the last column, header row optional.
 */
public final class Problems {
  /** Refuse synthetic problems above this many feature values (1 GiB of float32). */
  static final long MAX_VALUES = 1L << 28;

  private Problems() {}

  public static Problem parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new GdbenchException("no data given (use seed, synthetic:n=N,d=D,seed=S or FILE.csv)");
    }
    if (spec.equals("seed")) {
      return Problem.seed();
    }
    if (spec.startsWith("synthetic:") || spec.equals("synthetic")) {
      return synthetic(Synthetic.parse(spec));
    }
    return csv(Path.of(spec));
  }

  /**
   * Parameters of a synthetic problem: X drawn from N(0, 1), y = X·w + b + noise·N(0, 1), all from
   * one seed. Weights not given are drawn uniformly from [-2, 2] with the same seed.
   */
  public record Synthetic(int n, int d, long seed, double noise, double bias, double[] weights) {
    public Synthetic {
      if (n < 1) {
        throw new GdbenchException("synthetic data needs n >= 1 (fewer than one sample), got n=" + n);
      }
      if (d < 1) {
        throw new GdbenchException("synthetic data needs d >= 1, got d=" + d);
      }
      if ((long) n * d > MAX_VALUES) {
        throw new GdbenchException("synthetic data of n*d = " + (long) n * d + " values is too large (limit " + MAX_VALUES + ")");
      }
      if (!(noise >= 0) || Double.isInfinite(noise)) {
        throw new GdbenchException("synthetic noise must be a finite number >= 0, got " + noise);
      }
      if (!Double.isFinite(bias)) {
        throw new GdbenchException("synthetic bias must be finite, got " + bias);
      }
      if (weights != null && weights.length != d) {
        throw new GdbenchException("synthetic w= gives " + weights.length + " weights but d=" + d);
      }
    }

    public static Synthetic of(int n, int d, long seed) {
      return new Synthetic(n, d, seed, 0.1, 0.5, null);
    }

    static Synthetic parse(String spec) {
      String body = spec.startsWith("synthetic:") ? spec.substring("synthetic:".length()) : "";
      Map<String, String> kv = new LinkedHashMap<>();
      for (String part : body.split(",")) {
        if (part.isBlank()) {
          continue;
        }
        int eq = part.indexOf('=');
        if (eq <= 0) {
          throw new GdbenchException("synthetic data: '" + part + "' is not key=value (in '" + spec + "')");
        }
        String key = part.substring(0, eq).trim();
        if (!List.of("n", "d", "seed", "noise", "bias", "w").contains(key)) {
          throw new GdbenchException("synthetic data: unknown key '" + key + "' (known: n, d, seed, noise, bias, w)");
        }
        kv.put(key, part.substring(eq + 1).trim());
      }
      if (!kv.containsKey("n")) {
        throw new GdbenchException("synthetic data needs n=N (e.g. synthetic:n=1000,d=4,seed=1)");
      }
      int n = (int) number(kv, "n", 0, true);
      int d = (int) number(kv, "d", 1, true);
      long seed = (long) number(kv, "seed", 1, true);
      double noise = number(kv, "noise", 0.1, false);
      double bias = number(kv, "bias", 0.5, false);
      double[] w = null;
      if (kv.containsKey("w")) {
        String[] parts = kv.get("w").split(":");
        w = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
          w[i] = parseDouble("w", parts[i]);
        }
      }
      return new Synthetic(n, d, seed, noise, bias, w);
    }

    private static double number(Map<String, String> kv, String key, double fallback, boolean integer) {
      String text = kv.get(key);
      if (text == null) {
        return fallback;
      }
      if (integer) {
        try {
          long v = Long.parseLong(text);
          if (!key.equals("seed") && (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE)) {
            throw new GdbenchException("synthetic data: " + key + "=" + text + " is out of range");
          }
          return v;
        } catch (NumberFormatException e) {
          throw new GdbenchException("synthetic data: " + key + " must be an integer, got '" + text + "'");
        }
      }
      return parseDouble(key, text);
    }

    private static double parseDouble(String key, String text) {
      try {
        double v = Double.parseDouble(text);
        if (!Double.isFinite(v)) {
          throw new NumberFormatException();
        }
        return v;
      } catch (NumberFormatException e) {
        throw new GdbenchException("synthetic data: " + key + " must be a finite number, got '" + text + "'");
      }
    }

    public String spec() {
      StringBuilder sb = new StringBuilder("synthetic:n=" + n + ",d=" + d + ",seed=" + seed);
      if (noise != 0.1) {
        sb.append(",noise=").append(noise);
      }
      if (bias != 0.5) {
        sb.append(",bias=").append(bias);
      }
      if (weights != null) {
        sb.append(",w=");
        for (int i = 0; i < weights.length; i++) {
          sb.append(i == 0 ? "" : ":").append(weights[i]);
        }
      }
      return sb.toString();
    }
  }

  public static Problem synthetic(int n, int d, long seed) {
    return synthetic(Synthetic.of(n, d, seed));
  }

  public static Problem synthetic(Synthetic s) {
    SplittableRandom random = new SplittableRandom(s.seed());
    double[] w = s.weights();
    if (w == null) {
      w = new double[s.d()];
      for (int j = 0; j < s.d(); j++) {
        w[j] = random.nextDouble() * 4 - 2;
      }
    }
    Gaussian g = new Gaussian(random);
    float[] x = new float[s.n() * s.d()];
    float[] y = new float[s.n()];
    for (int i = 0; i < s.n(); i++) {
      double target = s.bias();
      for (int j = 0; j < s.d(); j++) {
        float v = (float) g.next();
        x[i * s.d() + j] = v;
        target += v * w[j];
      }
      y[i] = (float) (target + s.noise() * g.next());
    }
    return new Problem(s.spec(), s.n(), s.d(), x, y);
  }

  /** Box–Muller with StrictMath, so the same seed gives the same data on every JVM. */
  private static final class Gaussian {
    private final SplittableRandom random;
    private double spare;
    private boolean hasSpare;

    Gaussian(SplittableRandom random) {
      this.random = random;
    }

    double next() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      double u1 = 1.0 - random.nextDouble(); // (0, 1]: log is finite
      double u2 = random.nextDouble();
      double radius = StrictMath.sqrt(-2 * StrictMath.log(u1));
      spare = radius * StrictMath.sin(2 * Math.PI * u2);
      hasSpare = true;
      return radius * StrictMath.cos(2 * Math.PI * u2);
    }
  }

  /**
   * Loads a CSV file: every row holds the D features and then the target. The first row is taken as
   * a header when none of its cells is a number. Errors name the file and the line.
   */
  public static Problem csv(Path file) {
    String name = file.toString();
    if (!Files.exists(file)) {
      throw new GdbenchException("data file '" + name + "' not found (use seed, synthetic:n=N,d=D,seed=S or an existing FILE.csv)");
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new GdbenchException("data file '" + name + "' is not a readable file");
    }
    List<float[]> rows = new ArrayList<>();
    int columns = -1;
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(reader)) {
      Iterator<CSVRecord> it = parser.iterator();
      boolean first = true;
      while (it.hasNext()) {
        CSVRecord record = it.next();
        long line = parser.getCurrentLineNumber();
        if (record.size() == 1 && record.get(0).isEmpty()) {
          continue;
        }
        if (first) {
          first = false;
          if (isHeader(record)) {
            columns = record.size();
            checkColumns(name, line, columns);
            continue;
          }
        }
        if (columns < 0) {
          columns = record.size();
          checkColumns(name, line, columns);
        } else if (record.size() != columns) {
          throw new GdbenchException(name + " line " + line + ": expected " + columns + " columns, found " + record.size());
        }
        float[] row = new float[columns];
        for (int c = 0; c < columns; c++) {
          row[c] = cell(name, line, c, record.get(c));
        }
        rows.add(row);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new GdbenchException(name + ": cannot be read as CSV: " + oneLine(e));
    } catch (IllegalStateException e) { // commons-csv: malformed quoting
      throw new GdbenchException(name + ": malformed CSV: " + oneLine(e));
    }
    if (columns < 0) {
      throw new GdbenchException(name + ": empty file, no samples");
    }
    if (rows.isEmpty()) {
      throw new GdbenchException(name + ": fewer than one sample (only a header row)");
    }
    int n = rows.size();
    int d = columns - 1;
    float[] x = new float[n * d];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      float[] row = rows.get(i);
      System.arraycopy(row, 0, x, i * d, d);
      y[i] = row[d];
    }
    return new Problem(name, n, d, x, y);
  }

  private static boolean isHeader(CSVRecord record) {
    for (String cell : record) {
      if (isNumber(cell)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNumber(String text) {
    try {
      Float.parseFloat(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void checkColumns(String name, long line, int columns) {
    if (columns < 2) {
      throw new GdbenchException(name + " line " + line + ": needs at least 2 columns (features, then the target), found " + columns);
    }
  }

  private static float cell(String name, long line, int column, String text) {
    float v;
    try {
      v = Float.parseFloat(text);
    } catch (NumberFormatException e) {
      throw new GdbenchException(name + " line " + line + ", column " + (column + 1) + ": '" + text + "' is not a number");
    }
    if (!Float.isFinite(v)) {
      throw new GdbenchException(name + " line " + line + ", column " + (column + 1) + ": '" + text + "' is not a finite float32 number");
    }
    return v;
  }

  private static String oneLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return m.replaceAll("\\s+", " ").trim();
  }
}
