package gdbench.pytorchjavacpp;

import gdbench.core.GdbenchException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptions;
import org.bytedeco.pytorch.global.torch;

/**
 * libtorch through the JavaCPP presets, once per process: the native library loads from the jars on
 * this backend's own class path (JavaCPP unpacks it into its cache, nothing downloads), and the
 * intra-op pool is sized once. Helpers to move floats in and out of tensors.
 */
final class LibtorchRuntime {
  private static final Pattern BLAS_INFO = Pattern.compile("BLAS_INFO=([^,\\s]+)");
  private static Integer threads; // the count the first trainer set: libtorch keeps one pool per process

  private LibtorchRuntime() {}

  /** Loads libtorch and sets its thread counts (the first call's count wins, as in DJL). */
  static synchronized void start(int requested) {
    if (threads != null) {
      return;
    }
    extractNativeLibraries();
    torch.set_num_threads(requested);
    try {
      // Settable only before the first inter-op task; one process runs one trainer's steps at a time.
      torch.set_num_interop_threads(1);
    } catch (RuntimeException e) {
      // already started by an earlier use in this process: keep its pool
    }
    threads = requested;
  }

  /**
   * Unpacks every native library of the presets into JavaCPP's cache before the first load. Left to
   * itself, JavaCPP unpacks and loads them one by one, and with an empty cache the JVM crashed
   * (SIGSEGV in pthread_mutex_lock) loading libtorch_cpu.so after libtorch.so: every first run on
   * a fresh machine. With the files in place, libtorch.so finds its dependencies when it loads.
   */
  private static void extractNativeLibraries() {
    for (String presets : new String[] {"openblas", "pytorch"}) {
      String folder = "/org/bytedeco/" + presets + "/" + Loader.getPlatform() + "/";
      try {
        Loader.cacheResources(torch.class, folder);
      } catch (IOException e) {
        throw new GdbenchException("pytorch-javacpp: cannot unpack " + folder + ": " + e.getMessage(), e);
      }
    }
  }

  /** What the running library reports, for the fork's record; empty before {@link #start}. */
  static synchronized Map<String, String> threadSettings() {
    Map<String, String> out = new LinkedHashMap<>();
    if (threads != null) {
      out.put("torch.get_num_threads", String.valueOf(torch.get_num_threads()));
      out.put("torch.get_num_interop_threads", String.valueOf(torch.get_num_interop_threads()));
      // the BLAS this libtorch was built with, from its build configuration (e.g. BLAS_INFO=open)
      try (BytePointer config = torch.show_config()) {
        Matcher m = BLAS_INFO.matcher(config.getString());
        out.put("torch.BLAS_INFO", m.find() ? m.group(1) : "not in show_config()");
      }
    }
    return out;
  }

  /** A float32 tensor of the given shape holding a copy of {@code values}. */
  static Tensor tensor(float[] values, long... shape) {
    try (FloatPointer data = new FloatPointer(values);
        TensorOptions options = new TensorOptions(torch.ScalarType.Float);
        Tensor view = torch.from_blob(data, shape, options)) {
      return view.clone(); // from_blob borrows the Java-side buffer: the clone owns its memory
    } catch (RuntimeException e) {
      throw new GdbenchException("pytorch-javacpp: cannot create a tensor: " + GdbenchException.rootMessage(e), e);
    }
  }

  /** All values of a float32 tensor, copied out. */
  static float[] floats(Tensor t) {
    try (PointerScope scope = new PointerScope()) { // frees the detached view and its contiguous copy
      Tensor c = t.detach().contiguous();
      float[] out = new float[(int) c.numel()];
      c.data_ptr_float().get(out);
      return out;
    }
  }
}
