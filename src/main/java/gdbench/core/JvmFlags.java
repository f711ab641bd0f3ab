package gdbench.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The options every JVM that gdbench starts needs (benchmark forks, the steps after JMH, test
 * children): what each registered backend declares in {@link Backend#jvmOptions()}, each once, in
 * registry order.
 *
 * <p>The build writes them to a java launcher argument file, {@code target/jvm-flags-<feature>.args}
 * ({@link #main}), which the pom (tests, the bench profile) and the scripts pass as
 * {@code @file}: the list exists only in the backends.
 */
public final class JvmFlags {
  private JvmFlags() {}

  /** For a JVM of the same feature version as this one. */
  public static List<String> required() {
    Set<String> flags = new LinkedHashSet<>();
    for (Backend b : Backends.all()) {
      flags.addAll(b.jvmOptions());
    }
    return new ArrayList<>(flags);
  }

  /** The argument file's name for this JVM's feature version: options differ between versions. */
  public static String argumentFileName() {
    return "jvm-flags-" + Runtime.version().feature() + ".args";
  }

  /**
   * Writes {@link #required()} into {@code DIR/}{@link #argumentFileName()}, one option a line,
   * replacing the file atomically (two scripts may write it at once). Run by the build at
   * process-classes, and by the scripts for a java of another version than Maven's.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: java -cp CLASSPATH gdbench.core.JvmFlags DIR");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    Files.createDirectories(dir);
    Path target = dir.resolve(argumentFileName());
    StringBuilder text = new StringBuilder("# gdbench.core.JvmFlags.required() for JDK " + Runtime.version().feature()
        + ": the options every gdbench JVM needs, passed as @" + target.getFileName() + "\n");
    for (String flag : required()) {
      text.append(flag).append('\n');
    }
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
