package gdbench.core;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Class paths of their own, for backends whose libraries cannot share the main one: two JavaCPP
 * presets built on different JavaCPP and OpenBLAS versions, where Maven keeps one version of each
 * and so would silently change what one library runs with. The build copies each such backend's
 * jars into {@code target/backends/NAME/} and writes gdbench's own libraries, without any
 * backend's, to {@code target/classpath-core.txt}; a JVM for that backend (benchmark fork, command,
 * test) starts with the classes, those and these, and with {@code -D}{@value #PROPERTY}{@code =NAME}.
 */
public final class OwnClasspath {
  /** Names the backend whose own class path this JVM was started with; unset on the main one. */
  public static final String PROPERTY = "gdbench.classpath";

  private static final Pattern JAR = Pattern.compile("(.+?)-(\\d[^-]*(?:-\\d[^-]*)?)\\.jar");

  private OwnClasspath() {}

  /** The backend whose own class path this JVM runs on, or "" on the main class path. */
  public static String current() {
    return System.getProperty(PROPERTY, "");
  }

  /** Whether the backend's libraries are on this JVM's class path. */
  public static boolean runsHere(Backend b) {
    String here = current();
    return switch (b.classpathNeed()) {
      case NONE -> true;
      case MAIN -> here.isEmpty();
      case OWN -> b.name().equals(here);
    };
  }

  /** The build's output folder: the parent of the folder gdbench's classes were loaded from. */
  static Path buildDirectory() {
    try {
      Path classes = Path.of(OwnClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.getParent();
    } catch (URISyntaxException | RuntimeException e) {
      throw new GdbenchException("cannot tell where gdbench's classes are: " + e.getMessage());
    }
  }

  /** The jars the build copied for a backend's own class path, sorted by name. */
  public static List<Path> jars(String backend) {
    Path dir = buildDirectory().resolve("backends").resolve(backend);
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> jars = files.filter(f -> f.getFileName().toString().endsWith(".jar")).sorted().toList();
      if (jars.isEmpty()) {
        throw new IOException("no jars");
      }
      return jars;
    } catch (IOException e) {
      throw new GdbenchException(backend + " runs on a class path of its own, and " + dir
          + " holds none of its jars: rebuild with mvn package");
    }
  }

  /** A backend's own class path: gdbench's classes, the core libraries, its jars. */
  public static String of(String backend) {
    Path build = buildDirectory();
    List<String> entries = new ArrayList<>();
    entries.add(build.resolve("classes").toString());
    Path core = build.resolve("classpath-core.txt");
    try {
      String text = Files.readString(core, StandardCharsets.UTF_8).trim();
      if (!text.isEmpty()) {
        entries.addAll(List.of(text.split(File.pathSeparator)));
      }
    } catch (IOException e) {
      throw new GdbenchException("cannot read " + core + " (rebuild with mvn package): " + e.getMessage());
    }
    jars(backend).forEach(j -> entries.add(j.toString()));
    return String.join(File.pathSeparator, entries);
  }

  /**
   * The command that starts {@code mainClass} with {@code args} in a JVM on the backend's own class
   * path: this JVM's java and options (the backends' flags, heap), plus {@value #PROPERTY}.
   */
  public static List<String> command(String backend, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!option.startsWith("-D" + PROPERTY + "=")) {
        command.add(option);
      }
    }
    command.add("-D" + PROPERTY + "=" + backend);
    command.add("-cp");
    command.add(of(backend));
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /**
   * Runs {@link #command} with this process's terminal and returns its exit status; with
   * {@code discardOutput} its standard output is dropped (the caller reads what it wrote to a file).
   */
  public static int run(String backend, String mainClass, List<String> args, boolean discardOutput) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command(backend, mainClass, args)).inheritIO();
      if (discardOutput) {
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      }
      Backends.get(backend).environment().forEach(pb.environment()::putIfAbsent);
      Process p = pb.start();
      return p.waitFor();
    } catch (IOException e) {
      throw new GdbenchException("cannot start a JVM for " + backend + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GdbenchException("interrupted while " + backend + "'s JVM ran");
    }
  }

  /**
   * Artifact → version of the jars of a backend's own class path, from the copied files' names
   * ({@code artifact-version.jar}; platform jars, which add a classifier, are left out).
   */
  public static Map<String, String> versions(String backend) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Path jar : jars(backend)) {
      Matcher m = JAR.matcher(jar.getFileName().toString());
      if (m.matches()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }
}
