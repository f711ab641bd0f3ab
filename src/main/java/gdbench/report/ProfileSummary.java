package gdbench.report;

import gdbench.runfolder.CollapsedStacks;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a profile's CPU samples went to, by category, and its hottest leaf frame. Each stack is put
 * in the first category whose rule matches (the order of {@link Category}); the rules read frame
 * names only, so they are a reading aid beside the flame graph, not a measurement of their own.
 */
final class ProfileSummary {
  enum Category {
    JIT("JIT compiler", "a frame of HotSpot's compiler threads (CompileBroker, C2Compiler)"),
    GC("Java GC & heap allocation", "a GC or VM thread, or the Java heap's allocation slow path (CollectedHeap, MemAllocator)"),
    ALLOCATION("native allocation & page faults", "malloc/free and their kin, c10's CPU allocator, page faults, JavaCPP/ND4J deallocators"),
    COMPUTE("compute kernels", "the leaf is a native numeric kernel (ATen, Eigen, libnd4j, BLAS, oneDNN loops, libm, memcpy/memset, the JVM's array copies) or gdbench's own Java loops and the Vector API"),
    AUTOGRAD("autograd bookkeeping", "under an autograd/autodiff frame, outside the kernels"),
    JNI("JNI & Java–native transitions", "the leaf is a JNI entry or a thread-state transition"),
    JAVA_LAYER("library's Java code", "the leaf is a library's Java code or the JDK's: wrappers and op construction for the native libraries, all the work for EJML and ojAlgo (their arithmetic included)"),
    NATIVE_FRAMEWORK("native framework (dispatch, op setup)", "any other native frame: the dispatcher, TensorIterator set-up, graph executors"),
    OTHER("other (OS kernel, unknown)", "everything else");

    final String label;
    final String rule;

    Category(String label, String rule) {
      this.label = label;
      this.rule = rule;
    }
  }

  private static final Pattern JIT = Pattern.compile("CompileBroker::|C2Compiler|Compilation::|CompilationPolicy");
  private static final Pattern GC_THREAD = Pattern.compile("WorkerThread::run|GCTaskThread|ConcurrentGCThread|VMThread::|G1ServiceThread|G1ConcurrentRefine|G1PrimaryConcurrentRefine");
  private static final Pattern JAVA_HEAP = Pattern.compile("CollectedHeap::|MemAllocator::|OptoRuntime::new_array|OptoRuntime::new_instance|InstanceKlass::allocate");
  private static final Pattern ALLOC_LEAF = Pattern.compile("^(malloc|free|cfree|calloc|realloc|_int_malloc|_int_free|_int_realloc|malloc_consolidate|"
      + "unlink_chunk.*|tcache_.*|__libc_.*alloc.*|__libc_free|posix_memalign|_mid_memalign|mmap.*|munmap.*|madvise.*|__munmap|__mmap|"
      + "operator new.*|operator delete.*|clear_page.*|.*page_fault.*|.*alloc_pages.*)$");
  private static final Pattern ALLOC_STACK = Pattern.compile("c10::alloc_cpu|c10::free_cpu|posix_memalign|exc_page_fault|Unsafe_AllocateMemory|"
      + "Unsafe_FreeMemory|DeallocatorReference|Pointer\\.deallocate|Pointer\\$DeallocatorThread|Deallocator\\.deallocate|_mm_malloc|aligned_alloc");
  private static final Pattern KERNEL_LEAF = Pattern.compile("(?i)kernel|Vectorized|cascade_sum|gemv|gemm|sdot|saxpy|sger|sscal|L_loop|dnnl|"
      + "mkl_|openblas|blas|Eigen::|simdOps::|functions::|sd::ops::helpers|avx|sse|memcpy|memmove|memset|arraycopy|^libm[A-Z]");
  private static final Pattern JAVA_COMPUTE = Pattern.compile("^(gdbench\\.(?!bench\\.)|jdk\\.incubator\\.vector\\.)");
  private static final Pattern HINT = Pattern.compile("::(\\w+_kernel)\\b|\\b((?:Eigen|simdOps|functions)::\\w+)");
  private static final Pattern AUTOGRAD = Pattern.compile("(?i)autograd|autodiff");
  private static final Pattern JNI = Pattern.compile("^(Java_|jni_|JNIHandles|JavaCalls|ThreadStateTransition|ThreadInVMfromNative|"
      + "SharedRuntime::|JavaFrameAnchor|JNI_|JNIEnv_|ThreadInVMfromJava|.*native_call.*)");

  private final Map<Category, Long> samples = new EnumMap<>(Category.class);
  private final long total;
  private final String topLeaf;
  private final double topLeafShare;

  private ProfileSummary(CollapsedStacks profile) {
    Map<String, Long> leaves = new HashMap<>();
    long sum = 0;
    for (CollapsedStacks.Stack s : profile.stacks()) {
      Category c = classify(s.frames());
      samples.merge(c, s.samples(), Long::sum);
      sum += s.samples();
      if (c != Category.JIT && c != Category.GC) {
        leaves.merge(shorten(s.leaf()), s.samples(), Long::sum);
      }
    }
    total = sum;
    Map.Entry<String, Long> top = leaves.entrySet().stream()
        .max(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey())).orElse(null);
    topLeaf = top == null ? null : top.getKey();
    topLeafShare = top == null || sum == 0 ? Double.NaN : (double) top.getValue() / sum;
  }

  static ProfileSummary of(CollapsedStacks profile) {
    return profile == null || profile.samples() == 0 ? null : new ProfileSummary(profile);
  }

  /** The category of one stack (root first); Java frames may be written with '/' (as async-profiler does) or '.'. */
  static Category classify(List<String> rawFrames) {
    List<String> frames = rawFrames.stream().map(f -> isJava(f) ? f.replace('/', '.') : f).toList();
    boolean benchmarkThread = frames.stream().anyMatch(f -> f.startsWith("gdbench."));
    if (frames.stream().anyMatch(f -> JIT.matcher(f).find())) {
      return Category.JIT;
    }
    if (!benchmarkThread && frames.stream().anyMatch(f -> GC_THREAD.matcher(f).find())) {
      return Category.GC;
    }
    if (frames.stream().anyMatch(f -> JAVA_HEAP.matcher(f).find())) {
      return Category.GC;
    }
    String leaf = frames.get(frames.size() - 1);
    String bare = leaf.endsWith("_[k]") ? leaf.substring(0, leaf.length() - 4) : leaf;
    if (ALLOC_LEAF.matcher(bare).matches() || frames.stream().anyMatch(f -> ALLOC_STACK.matcher(f).find())) {
      return Category.ALLOCATION;
    }
    boolean javaLeaf = isJava(leaf);
    if (javaLeaf ? JAVA_COMPUTE.matcher(leaf).find() : !leaf.endsWith("_[k]") && KERNEL_LEAF.matcher(leaf).find()) {
      return Category.COMPUTE;
    }
    if (frames.stream().anyMatch(f -> AUTOGRAD.matcher(f).find())) {
      return Category.AUTOGRAD;
    }
    if (JNI.matcher(leaf).find()) {
      return Category.JNI;
    }
    if (javaLeaf) {
      return Category.JAVA_LAYER;
    }
    if (leaf.endsWith("_[k]") || leaf.startsWith("[")) {
      return Category.OTHER;
    }
    return Category.NATIVE_FRAMEWORK;
  }

  /** A Java frame as async-profiler names it: {@code package/Class.method}, no C++ scope, no library path. */
  static boolean isJava(String frame) {
    return !frame.contains("::") && !frame.contains(" ") && !frame.startsWith("/") && !frame.startsWith("[") && !frame.endsWith("_[k]")
        && (frame.indexOf('/') > 0 || frame.indexOf('.') > 0) && !frame.contains(".so");
  }

  /**
   * A leaf frame made short enough for a table: C++ template arguments and parameter lists
   * dropped, except the name of an ATen kernel inside them ({@code add_kernel}).
   */
  static String shorten(String frame) {
    if (isJava(frame)) {
      return frame.replace('/', '.');
    }
    if (frame.startsWith("/")) { // a native library without symbols: its file name
      return frame.substring(frame.lastIndexOf('/') + 1);
    }
    var hint = HINT.matcher(frame);
    String name = hint.find() ? (hint.group(1) != null ? hint.group(1) : hint.group(2)) : null;
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (int i = 0; i < frame.length(); i++) {
      char ch = frame.charAt(i);
      if (ch == '<' || ch == '(') {
        depth++;
      } else if (ch == '>' || ch == ')') {
        depth = Math.max(0, depth - 1);
      } else if (depth == 0) {
        sb.append(ch);
      }
    }
    String s = sb.toString().replaceFirst("^(void|float|double|int|long|bool|auto|static) ", "").trim();
    if (name != null && !s.contains(name)) {
      s += " [" + name + "]";
    }
    return s.length() > 70 ? s.substring(0, 67) + "..." : s;
  }

  long total() {
    return total;
  }

  double share(Category c) {
    return total == 0 ? 0 : (double) samples.getOrDefault(c, 0L) / total;
  }

  /** The share of the samples outside the JIT compiler's threads. */
  double shareBesidesJit(Category c) {
    long besides = total - samples.getOrDefault(Category.JIT, 0L);
    return c == Category.JIT || besides == 0 ? 0 : (double) samples.getOrDefault(c, 0L) / besides;
  }

  String topLeaf() {
    return topLeaf;
  }

  double topLeafShare() {
    return topLeafShare;
  }
}
