package gdbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {

  @Test
  void machineNamesAreStableSlugsOfTheCpuAndItsCores() {
    assertEquals("amd-epyc-2c", Hardware.machineSlug("AMD EPYC", 2, null));
    // a bare model name, two generations: the vector width tells them apart
    assertEquals("amd-epyc-2c-avx2", Hardware.machineSlug("AMD EPYC", 2, "avx2"));
    assertEquals("amd-epyc-2c-avx512", Hardware.machineSlug("AMD EPYC", 2, "avx512f"));
    assertEquals("intel-xeon-platinum-8481c-8c-avx512", Hardware.machineSlug("Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz", 8, "avx512f"));
    assertEquals("amd-ryzen-9-7950x-32c", Hardware.machineSlug("AMD Ryzen 9 7950X 16-Core Processor", 32, null));
    assertEquals("apple-m2-8c-asimd", Hardware.machineSlug("Apple M2", 8, "asimd"));
    assertEquals("unknown-4c", Hardware.machineSlug(null, 4, null));
  }

  /** Coordinates come from the build's list, not from folder names: this repository is not called "repository". */
  @Test
  void librariesAreReadFromTheBuildsDependencyList() {
    String cp = String.join(File.pathSeparator,
        "/w/target/classes",
        "/ci/m2/org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar",
        "/ci/m2/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar",
        "/opt/lib/odd.jar");
    List<String> list = List.of("", "The following files have been resolved:",
        "   org.nd4j:nd4j-native:jar:linux-x86_64-avx2:1.0.0-M2.1:runtime:/ci/m2/org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar",
        "   org.openjdk.jmh:jmh-core:jar:1.37:compile:/elsewhere/jmh-core-1.37.jar -- module jmh.core (auto)");
    List<String> libs = ClasspathLibraries.of(cp, list);
    assertEquals(List.of("odd.jar", "org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-avx2", "org.openjdk.jmh:jmh-core:1.37"), libs);
    assertEquals(List.of("org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-avx2"), ClasspathLibraries.nativeArtifacts(libs));
  }

  /** A jar the build's list does not name is identified by its own pom.properties, classifier from its file name. */
  @Test
  void aJarOutsideTheListIsReadFromItsPomProperties(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("lib-2.1-linux-x86_64.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/maven/org.other/shaded/pom.properties"));
      out.write("groupId=org.other\nartifactId=shaded\nversion=9\n".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new JarEntry("META-INF/maven/org.example/lib/pom.properties"));
      out.write("groupId=org.example\nartifactId=lib\nversion=2.1\n".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(List.of("org.example:lib:2.1:linux-x86_64"), ClasspathLibraries.of(jar.toString(), List.of()));
  }

  /** The build's own classpath, whatever the local repository is called (mvn -Dmaven.repo.local=...). */
  @Test
  void thisBuildsClasspathIsNamedWithGroups() throws IOException {
    Path classpath = Path.of("target", "classpath.txt");
    assumeTrue(Files.isRegularFile(classpath), "needs the Maven build's target/classpath.txt");
    List<String> libs = ClasspathLibraries.of(Files.readString(classpath).trim());
    assertTrue(libs.contains("org.openjdk.jmh:jmh-core:1.37"), libs.toString());
    assertTrue(libs.stream().allMatch(l -> l.split(":").length >= 3), "every jar has Maven coordinates: " + libs);
  }

  @Test
  void theWidestInstructionSetIsNamed() {
    assertEquals("avx2", Hardware.instructionSet(Hardware.instructionSets("fpu sse4_1 sse4_2 avx fma avx2 bmi2")));
    assertEquals("avx512f", Hardware.instructionSet(Hardware.instructionSets("avx2 avx512f avx512bw")));
    assertEquals("asimd", Hardware.instructionSet(Hardware.instructionSets("fp asimd evtstrm aes")));
    assertEquals(null, Hardware.instructionSet(Hardware.instructionSets("fpu")));
  }
}
