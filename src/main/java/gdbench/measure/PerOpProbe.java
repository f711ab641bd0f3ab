package gdbench.measure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.GdbenchException;
import java.util.function.DoubleSupplier;

/**
 * A JVM of its own that times one backend's {@link Backend#elementwiseProbe} ({@code add} and
 * {@code add-inplace}) and prints one line, {@link #MARK} and JSON, on stdout: a backend's native
 * runtime never shares a process with another's, and each repetition starts fresh, like the Python
 * side's processes. Libraries may print to stdout too, hence the mark.
 *
 * <p>Arguments: backend n quick(true|false).
 */
public final class PerOpProbe {
  static final String MARK = "GDBENCH-PER-OP ";
  static final String[] OPS = {"add", "add-inplace"};

  private PerOpProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: PerOpProbe BACKEND N QUICK");
      System.exit(2);
    }
    Backend backend = Backends.get(args[0]);
    int n = Integer.parseInt(args[1]);
    PerOpTiming timing = Boolean.parseBoolean(args[2]) ? PerOpTiming.QUICK : PerOpTiming.FULL;
    ObjectMapper json = new ObjectMapper();
    ObjectNode out = json.createObjectNode().put("backend", backend.name()).put("n", n);
    ArrayNode ops = out.putArray("ops");
    try {
      for (String op : OPS) {
        DoubleSupplier probe = backend.elementwiseProbe(n, op.equals("add-inplace"));
        if (probe == null) {
          out.put("unsupported", true);
          break;
        }
        try {
          PerOpTiming.Result r = timing.time(probe);
          ObjectNode node = ops.addObject().put("op", op).put("median", r.median()).put("steady", r.steady());
          ArrayNode batches = node.putArray("batches");
          for (double v : r.batchNs()) {
            batches.add(v);
          }
        } finally {
          if (probe instanceof AutoCloseable c) {
            c.close();
          }
        }
      }
    } catch (GdbenchException | LinkageError e) {
      out.put("error", GdbenchException.rootMessage(e));
    }
    System.out.println(MARK + json.writeValueAsString(out));
    System.out.flush();
    System.exit(0); // native runtimes may keep non-daemon threads
  }
}
