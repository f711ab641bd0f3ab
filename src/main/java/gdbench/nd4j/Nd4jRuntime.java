package gdbench.nd4j;

import gdbench.core.GdbenchException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Loads ND4J once per process and pins its native threads. Nothing here runs before the first
 * {@code create}: the registry builds every backend even where ND4J's native library cannot load.
 *
 * <p>ND4J fails to load in three shapes: an {@link ExceptionInInitializerError} from {@code Nd4j}'s
 * static initialiser wrapping "ND4J is probably missing dependencies" and an
 * {@link UnsatisfiedLinkError} (no native jar for this platform, or a CPU it was not built for);
 * then, on every later call, {@link NoClassDefFoundError} "Could not initialize class ...Nd4j",
 * which no longer names the cause. The first failure is therefore kept and repeated, as one line.
 */
final class Nd4jRuntime {
  private static String failure;
  private static boolean loaded;
  private static int pinnedThreads;

  private Nd4jRuntime() {}

  /** Loads ND4J (first call) and pins its threads to {@code threads}; a failure becomes one clear line. */
  static synchronized void ensureReady(int threads) {
    if (failure != null) {
      throw new GdbenchException(failure);
    }
    if (!loaded) {
      try {
        // The first touch of Nd4j loads the CPU backend: libnd4j, OpenBLAS and their JNI glue.
        Nd4j.getExecutioner();
        loaded = true;
      } catch (RuntimeException | LinkageError e) {
        failure = describeLoadFailure(e, platform());
        throw new GdbenchException(failure, e);
      }
    }
    if (pinnedThreads != threads) {
      pinThreads(threads);
      pinnedThreads = threads;
    }
  }

  /**
   * Runs {@code action} with System.out filtered: lines starting with {@code prefix} are dropped,
   * every other byte goes through. Used around SameDiff calls that print debugging lines.
   */
  static synchronized void withoutStdoutLines(String prefix, Runnable action) {
    PrintStream original = System.out;
    LineFilter filter = new LineFilter(original, prefix);
    System.setOut(new PrintStream(filter, true));
    try {
      action.run();
    } finally {
      System.out.flush();
      filter.flushPending();
      System.setOut(original);
    }
  }

  private static final class LineFilter extends OutputStream {
    private final PrintStream target;
    private final byte[] prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    LineFilter(PrintStream target, String prefix) {
      this.target = target;
      this.prefix = prefix.getBytes(Charset.defaultCharset());
    }

    @Override
    public synchronized void write(int b) {
      line.write(b);
      if (b == '\n') {
        flushPending();
      }
    }

    synchronized void flushPending() {
      byte[] bytes = line.toByteArray();
      line.reset();
      if (bytes.length > 0 && !startsWithPrefix(bytes)) {
        target.write(bytes, 0, bytes.length);
        target.flush();
      }
    }

    private boolean startsWithPrefix(byte[] bytes) {
      if (bytes.length < prefix.length) {
        return false;
      }
      for (int i = 0; i < prefix.length; i++) {
        if (bytes[i] != prefix[i]) {
          return false;
        }
      }
      return true;
    }
  }

  /** Whether ND4J's CUDA backend is on the class path (looked up without loading it). */
  static boolean isCudaBuild() {
    try {
      Class.forName("org.nd4j.linalg.jcublas.JCublasBackend", false, Nd4jRuntime.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  static synchronized boolean isLoaded() {
    return loaded;
  }

  /**
   * ND4J's own thread settings on top of {@code OMP_NUM_THREADS} (set to 1 by scripts/gdbench and
   * surefire): libnd4j's pool for independent ops ({@code maxMasterThreads}), its OpenMP count and
   * OpenBLAS's pool. libnd4j's per-op pool ({@code maxThreads}) is sized once, from
   * {@code OMP_NUM_THREADS}, when the library loads; {@code setMaxThreads} cannot change it
   * afterwards (measured: it neither raises nor lowers it), so running ND4J on N threads needs
   * {@code OMP_NUM_THREADS=N} in the process's environment. {@link #threadSettings} reports what
   * the library actually holds.
   */
  private static void pinThreads(int threads) {
    Nd4j.getEnvironment().setMaxThreads(threads);
    Nd4j.getEnvironment().setMaxMasterThreads(threads);
    NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    Nd4j.factory().blas().setMaxThreads(threads);
  }

  /** The thread settings for {@code threads}: read back from the library once it is loaded, else as planned. */
  static synchronized Map<String, String> threadSettings(int threads) {
    Map<String, String> m = new LinkedHashMap<>();
    String omp = System.getenv("OMP_NUM_THREADS");
    m.put("OMP_NUM_THREADS", omp == null ? "unset" : omp);
    m.put("requested", String.valueOf(threads));
    if (loaded && pinnedThreads == threads) {
      int perOp = Nd4j.getEnvironment().maxThreads();
      m.put("nd4j.maxThreads", String.valueOf(perOp));
      m.put("nd4j.maxMasterThreads", String.valueOf(Nd4j.getEnvironment().maxMasterThreads()));
      m.put("openblas.threads", String.valueOf(Nd4j.factory().blas().getMaxThreads()));
      if (perOp != threads) {
        m.put("note", "libnd4j sizes its per-op pool from OMP_NUM_THREADS when it loads; run with OMP_NUM_THREADS=" + threads);
      }
    } else {
      String expected = omp == null ? "from the core count" : omp + " (OMP_NUM_THREADS)";
      m.put("nd4j.maxThreads", expected);
      m.put("nd4j.maxMasterThreads", String.valueOf(threads));
      m.put("openblas.threads", String.valueOf(threads));
    }
    return m;
  }

  /**
   * Versions from the jars' Maven metadata, so that asking does not load the native library. The
   * native classifier in use is the platform JavaCPP resolves (pure Java, no native code).
   */
  static Map<String, String> versions() {
    Map<String, String> m = new LinkedHashMap<>();
    put(m, "nd4j-native", "org.nd4j", "nd4j-native");
    put(m, "deeplearning4j-nn", "org.deeplearning4j", "deeplearning4j-nn");
    put(m, "openblas (bytedeco)", "org.bytedeco", "openblas");
    put(m, "javacpp", "org.bytedeco", "javacpp");
    m.put("native platform", platform());
    return m;
  }

  private static void put(Map<String, String> m, String name, String group, String artifact) {
    String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = Nd4jRuntime.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        m.put(name, "not on the classpath");
        return;
      }
      Properties p = new Properties();
      p.load(in);
      m.put(name, p.getProperty("version", "unknown"));
    } catch (IOException e) {
      m.put(name, "unreadable: " + e.getMessage());
    }
  }

  /** The platform whose native jar JavaCPP looks for, e.g. linux-x86_64. */
  /**
   * JavaCPP loads native code (native access); on JDK 24 and newer it also uses sun.misc.Unsafe's
   * memory access, which those JDKs announce on stderr unless allowed. The option does not exist
   * before JDK 23.
   */
  static List<String> jvmOptions() {
    List<String> options = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED"));
    if (Runtime.version().feature() >= 24) {
      options.add("--sun-misc-unsafe-memory-access=allow");
    }
    return options;
  }

  static String platform() {
    try {
      return org.bytedeco.javacpp.Loader.getPlatform();
    } catch (LinkageError e) {
      return System.getProperty("os.name") + "-" + System.getProperty("os.arch");
    }
  }

  /**
   * One line naming the backend and the cause: the innermost exception (UnsatisfiedLinkError,
   * usually), not ND4J's generic "probably missing dependencies" wrapper.
   */
  static String describeLoadFailure(Throwable e, String platform) {
    return "nd4j: the ND4J native library could not be loaded on " + platform
        + " (is nd4j-native with classifier " + platform + " on the classpath, and built for this CPU?): "
        + GdbenchException.rootMessage(e);
  }
}
