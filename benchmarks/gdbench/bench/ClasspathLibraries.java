package gdbench.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

/**
 * The Maven coordinates of every jar on the classpath, {@code group:artifact:version[:classifier]}
 * (the classifier names a native flavour, e.g. {@code nd4j-native ... :linux-x86_64-avx2}). They come
 * from the list the build writes ({@value #LIST}, maven-dependency-plugin's {@code list} goal), else
 * from the jar's own {@code META-INF/maven/.../pom.properties}, else the file name: never from the
 * local repository's folder names, since the repository can be anywhere and called anything.
 */
final class ClasspathLibraries {
  /** Written by the build into the classes folder: one resolved dependency a line. */
  static final String LIST = "META-INF/gdbench/dependencies.txt";
  private static final Set<String> SCOPES = Set.of("compile", "runtime", "provided", "system", "test", "import");
  private static final Pattern POM_PROPERTIES = Pattern.compile("META-INF/maven/[^/]+/[^/]+/pom\\.properties");

  private ClasspathLibraries() {}

  /** The libraries of a classpath, sorted, as the build's list on this classpath names them. */
  static List<String> of(String classpath) {
    return of(classpath, buildList());
  }

  static List<String> of(String classpath, List<String> mavenList) {
    Map<String, String> known = parse(mavenList);
    Set<String> out = new TreeSet<>();
    for (String entry : classpath.split(File.pathSeparator)) {
      if (!entry.endsWith(".jar")) {
        continue;
      }
      Path jar = Path.of(entry);
      String file = jar.getFileName().toString();
      String coordinates = known.get(jar.toAbsolutePath().normalize().toString());
      if (coordinates == null) {
        coordinates = known.get(file);
      }
      if (coordinates == null) {
        coordinates = fromPomProperties(jar, file);
      }
      out.add(coordinates == null ? file : coordinates);
    }
    return new ArrayList<>(out);
  }

  /** Classpath coordinates with a platform classifier: the native flavour of each library. */
  static List<String> nativeArtifacts(List<String> libraries) {
    List<String> out = new ArrayList<>();
    for (String coord : libraries) {
      if (coord.split(":").length == 4) {
        out.add(coord);
      }
    }
    return out;
  }

  /**
   * Lines of {@code mvn dependency:list} ({@code group:artifact:type[:classifier]:version:scope[:path][ -- module ...]}),
   * keyed by the jar's path where given and by its file name: coordinates as {@link #of} returns them.
   */
  static Map<String, String> parse(List<String> lines) {
    Map<String, String> known = new HashMap<>();
    for (String raw : lines) {
      String line = raw.trim();
      int module = line.indexOf(" -- ");
      if (module >= 0) {
        line = line.substring(0, module);
      }
      String[] p = line.split(":", -1);
      if (p.length < 5) {
        continue; // the header, a blank line, "none"
      }
      boolean classified = !SCOPES.contains(p[4]);
      int scope = classified ? 5 : 4;
      if (p.length <= scope || !SCOPES.contains(p[scope])) {
        continue;
      }
      String version = p[scope - 1];
      String classifier = classified ? p[3] : null;
      String coordinates = p[0] + ":" + p[1] + ":" + version + (classifier == null ? "" : ":" + classifier);
      known.put(p[1] + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + p[2], coordinates);
      if (p.length > scope + 1) {
        String path = String.join(":", List.of(p).subList(scope + 1, p.length));
        known.put(Path.of(path).toAbsolutePath().normalize().toString(), coordinates);
      }
    }
    return known;
  }

  /** The build's list, or none when the classes were not built by Maven. */
  static List<String> buildList() {
    try (InputStream in = ClasspathLibraries.class.getClassLoader().getResourceAsStream(LIST)) {
      return in == null ? List.of() : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A jar's own Maven metadata, where it is the jar's: {@code artifact-version} starts its file name. */
  static String fromPomProperties(Path jar, String file) {
    try (JarFile jf = new JarFile(jar.toFile())) {
      for (Enumeration<JarEntry> e = jf.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (!POM_PROPERTIES.matcher(entry.getName()).matches()) {
          continue;
        }
        Properties p = new Properties();
        try (InputStream in = jf.getInputStream(entry)) {
          p.load(in);
        }
        String prefix = p.getProperty("artifactId") + "-" + p.getProperty("version");
        if (p.getProperty("groupId") != null && file.startsWith(prefix) && file.endsWith(".jar")) {
          String rest = file.substring(prefix.length(), file.length() - ".jar".length());
          if (rest.isEmpty() || rest.startsWith("-")) {
            return p.getProperty("groupId") + ":" + p.getProperty("artifactId") + ":" + p.getProperty("version")
                + (rest.isEmpty() ? "" : ":" + rest.substring(1));
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      // not a readable jar: the file name will do
    }
    return null;
  }
}
