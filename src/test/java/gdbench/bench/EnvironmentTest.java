package gdbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvironmentTest {

  @Test
  void machineNamesAreStableSlugsOfTheCpuAndItsCores() {
    assertEquals("amd-epyc-2c", Environment.machineSlug("AMD EPYC", 2, null));
    // a bare model name, two generations: the vector width tells them apart
    assertEquals("amd-epyc-2c-avx2", Environment.machineSlug("AMD EPYC", 2, "avx2"));
    assertEquals("amd-epyc-2c-avx512", Environment.machineSlug("AMD EPYC", 2, "avx512f"));
    assertEquals("intel-xeon-platinum-8481c-8c-avx512", Environment.machineSlug("Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz", 8, "avx512f"));
    assertEquals("amd-ryzen-9-7950x-32c", Environment.machineSlug("AMD Ryzen 9 7950X 16-Core Processor", 32, null));
    assertEquals("apple-m2-8c-asimd", Environment.machineSlug("Apple M2", 8, "asimd"));
    assertEquals("unknown-4c", Environment.machineSlug(null, 4, null));
  }

  @Test
  void librariesAreReadFromTheMavenRepositoryLayout() {
    String cp = String.join(File.pathSeparator,
        "/w/target/classes",
        "/home/u/.m2/repository/org/nd4j/nd4j-native/1.0.0-M2.1/nd4j-native-1.0.0-M2.1-linux-x86_64-avx2.jar",
        "/home/u/.m2/repository/org/openjdk/jmh/jmh-core/1.37/jmh-core-1.37.jar",
        "/opt/lib/odd.jar");
    List<String> libs = Environment.classpathLibraries(cp);
    assertEquals(List.of("odd.jar", "org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-avx2", "org.openjdk.jmh:jmh-core:1.37"), libs);
    assertEquals(List.of("org.nd4j:nd4j-native:1.0.0-M2.1:linux-x86_64-avx2"), Environment.nativeArtifacts(libs));
  }

  @Test
  void theWidestInstructionSetIsNamed() {
    assertEquals("avx2", Environment.instructionSet(Environment.instructionSets("fpu sse4_1 sse4_2 avx fma avx2 bmi2")));
    assertEquals("avx512f", Environment.instructionSet(Environment.instructionSets("avx2 avx512f avx512bw")));
    assertEquals("asimd", Environment.instructionSet(Environment.instructionSets("fp asimd evtstrm aes")));
    assertEquals(null, Environment.instructionSet(Environment.instructionSets("fpu")));
  }
}
