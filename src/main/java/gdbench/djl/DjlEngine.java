package gdbench.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import gdbench.core.Device;
import gdbench.core.GdbenchException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The one place that starts DJL's PyTorch engine, once per process, and the one place that says
 * on which device its arrays live.
 *
 * <p><b>Offline.</b> The native library comes from the Maven jars on the class path
 * ({@code pytorch-native-cpu} with its platform classifier, {@code pytorch-jni}), which DJL
 * extracts on first use into its engine cache: {@code ~/.djl.ai/pytorch/<version>-cpu-<platform>}
 * by default, moved by the {@code ENGINE_CACHE_DIR} or {@code DJL_CACHE_DIR} variables or
 * properties (about 450 MB, once). Every JVM gdbench starts passes {@code -Dai.djl.offline=true};
 * {@link #start} also sets it where a caller forgot, and refuses to start when the environment
 * turns it off ({@code DJL_OFFLINE=false} overrides the property in DJL), so the engine is never
 * fetched from the network. A missing jar is named before DJL would try to download it.
 *
 * <p><b>Threads.</b> PyTorch reads its thread counts once, when the engine starts: the first
 * trainer's {@code config.threads()} sets {@code ai.djl.pytorch.num_threads} (intra-op, also
 * OpenMP's) and {@code ai.djl.pytorch.num_interop_threads}; later trainers in the same process get
 * the engine as it is (first trainer wins). {@code OMP_NUM_THREADS} is read by OpenMP at load; the
 * command and the test JVMs set it to 1.
 */
final class DjlEngine {
  static final String ENGINE = "PyTorch";
  static final String NUM_THREADS = "ai.djl.pytorch.num_threads";
  static final String NUM_INTEROP_THREADS = "ai.djl.pytorch.num_interop_threads";
  static final String OFFLINE = "ai.djl.offline";

  private static final String NATIVE_PROPERTIES = "native/lib/pytorch.properties";
  private static final String JNI_PROPERTIES = "jnilib/pytorch.properties";
  private static final String ENGINE_PROPERTIES = "pytorch-engine.properties";

  private static Engine engine; // guarded by DjlEngine.class
  private static String failure; // the first start's error, repeated to later callers
  private static int starts; // how many times the engine was actually started (1 at most)
  private static int intraOpThreads;
  private static int interOpThreads;

  private DjlEngine() {}

  /**
   * The engine, started on first call with {@code threads} native threads; later calls return the
   * same engine whatever their thread count. Failures become one {@link GdbenchException} naming
   * what is missing.
   */
  static synchronized Engine start(int threads) {
    if (engine != null) {
      return engine;
    }
    if (failure != null) {
      throw new GdbenchException(failure);
    }
    try {
      checkOffline();
      checkNativeJars();
      System.setProperty(NUM_THREADS, Integer.toString(threads));
      System.setProperty(NUM_INTEROP_THREADS, Integer.toString(threads));
      Engine e = Engine.getEngine(ENGINE);
      intraOpThreads = JniUtils.getNumThreads();
      interOpThreads = JniUtils.getNumInteropThreads();
      starts++;
      engine = e;
      return e;
    } catch (GdbenchException e) {
      failure = e.getMessage();
      throw e;
    } catch (RuntimeException | LinkageError e) { // EngineException, IllegalArgumentException, UnsatisfiedLinkError, ...
      failure = "djl: the PyTorch engine failed to start: " + GdbenchException.rootMessage(e)
          + " (DJL extracts libtorch from the jar ai.djl.pytorch:pytorch-native-" + (nativeFlavor() == null ? "cpu" : nativeFlavor()) + ":" + expectedPyTorchVersion()
          + " into " + cacheDir() + "; delete a damaged copy there to extract it again)";
      throw new GdbenchException(failure, e);
    }
  }

  /** The device every DJL array of a trainer lives on: the one place that maps gdbench's device. */
  static ai.djl.Device device(Device device) {
    return device == Device.GPU ? ai.djl.Device.gpu() : ai.djl.Device.cpu();
  }

  /**
   * Null when arrays can live on the device, else why not: a GPU needs the CUDA build of PyTorch on
   * the class path (the gpu profile) and a visible NVIDIA driver and CUDA runtime. Asked before the
   * engine starts, so that a missing GPU is one line, not a native error.
   */
  static String deviceUnsupportedReason(Device device) {
    if (device == Device.CPU) {
      return null;
    }
    String flavor = nativeFlavor();
    if (flavor == null || !flavor.startsWith("cu")) {
      return "the PyTorch native library on the class path is the " + (flavor == null ? "missing" : flavor)
          + " build, not CUDA (build with -Pgpu for pytorch-native-cu124)";
    }
    return gdbench.core.Gpu.probe().unavailableReason();
  }

  /** The native jar's flavour: {@code cpu}, {@code cu124}, ...; null when no native jar is on the class path. */
  static String nativeFlavor() {
    Properties p = properties(NATIVE_PROPERTIES);
    return p == null ? null : p.getProperty("flavor");
  }

  /** A new root manager for one trainer, on the configured device. */
  static NDManager newManager(Engine engine, Device device) {
    return engine.newBaseManager(device(device));
  }

  static synchronized boolean started() {
    return engine != null;
  }

  /** How many times this process started the engine: 0 or 1, whatever the number of trainers. */
  static synchronized int starts() {
    return starts;
  }

  /** Thread settings: the engine's own counts once started, else what the next start would apply. */
  static synchronized Map<String, String> threadSettings(int threads) {
    Map<String, String> m = new LinkedHashMap<>();
    if (engine != null) {
      m.put(NUM_THREADS, Integer.toString(intraOpThreads));
      m.put(NUM_INTEROP_THREADS, Integer.toString(interOpThreads));
    } else {
      m.put(NUM_THREADS, Integer.toString(threads));
      m.put(NUM_INTEROP_THREADS, Integer.toString(threads));
    }
    String omp = System.getenv("OMP_NUM_THREADS");
    m.put("OMP_NUM_THREADS", omp == null ? "unset" : omp);
    return m;
  }

  /** Library versions, read from the jars' own properties without starting the engine. */
  static Map<String, String> versions() {
    Map<String, String> m = new LinkedHashMap<>();
    try {
      m.put("djl", Engine.getDjlVersion());
    } catch (RuntimeException | LinkageError e) {
      m.put("djl", "unavailable: " + GdbenchException.rootMessage(e));
    }
    Properties engineProps = properties(ENGINE_PROPERTIES);
    Properties nativeProps = properties(NATIVE_PROPERTIES);
    String pytorch = engineProps == null ? null : engineProps.getProperty("pytorch_version");
    synchronized (DjlEngine.class) {
      if (engine != null) {
        pytorch = engine.getVersion(); // what actually loaded
      }
    }
    m.put("pytorch", pytorch == null ? "unknown" : pytorch);
    m.put("pytorch-native", nativeProps == null ? "missing from the class path"
        : nativeProps.getProperty("version") + " " + nativeProps.getProperty("flavor") + " " + nativeProps.getProperty("classifier"));
    return m;
  }

  /** Where DJL extracts (or found) the native library. */
  static String cacheDir() {
    synchronized (DjlEngine.class) {
      if (engine != null) {
        return LibUtils.getLibtorchPath();
      }
    }
    try {
      return Utils.getEngineCacheDir("pytorch").toString();
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  private static void checkOffline() {
    if (System.getProperty(OFFLINE) == null) {
      System.setProperty(OFFLINE, "true");
    }
    if (!Utils.isOfflineMode()) {
      String env = System.getenv("DJL_OFFLINE");
      throw new GdbenchException("djl: DJL's offline mode is off (" + (env != null ? "DJL_OFFLINE=" + env + " in the environment"
          : "-D" + OFFLINE + "=" + System.getProperty(OFFLINE)) + "); gdbench never lets DJL download an engine: unset it or set it to true");
    }
  }

  /**
   * Names the missing jar before DJL, which would otherwise look for a download (refused offline)
   * and report only that. {@code PYTORCH_LIBRARY_PATH} (a libtorch installed by hand) is DJL's
   * documented override and is left to DJL.
   */
  private static void checkNativeJars() {
    if (Utils.getEnvOrSystemProperty("PYTORCH_LIBRARY_PATH") != null) {
      return;
    }
    if (resource(NATIVE_PROPERTIES) == null) {
      throw new GdbenchException("djl: the PyTorch native library is not on the class path: add ai.djl.pytorch:pytorch-native-cpu:"
          + expectedPyTorchVersion() + " (pytorch-native-cu124 under -Pgpu) with the classifier of this platform (" + platform()
          + "); offline mode forbids downloading it");
    }
    if (resource(JNI_PROPERTIES) == null) {
      throw new GdbenchException("djl: DJL's PyTorch JNI library is not on the class path: add ai.djl.pytorch:pytorch-jni:"
          + expectedPyTorchVersion() + "-" + Engine.getDjlVersion() + "; offline mode forbids downloading it");
    }
  }

  private static String expectedPyTorchVersion() {
    Properties p = properties(ENGINE_PROPERTIES);
    return p == null ? "<version>" : p.getProperty("pytorch_version", "<version>");
  }

  private static String platform() {
    String arch = System.getProperty("os.arch");
    return System.getProperty("os.name") + " " + ("amd64".equals(arch) ? "x86_64" : arch);
  }

  private static URL resource(String name) {
    ClassLoader cl = Thread.currentThread().getContextClassLoader();
    if (cl == null) {
      cl = DjlEngine.class.getClassLoader();
    }
    return cl.getResource(name);
  }

  private static Properties properties(String name) {
    URL url = resource(name);
    if (url == null) {
      return null;
    }
    try (InputStream in = url.openStream()) {
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      return null;
    }
  }
}
