package gdbench.pytorchjavacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.OwnClasspath;
import java.io.IOException;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;

/**
 * This backend's tests run on its own class path (the pom's {@code pytorch-javacpp} test run): the
 * JavaCPP and OpenBLAS its presets were built with, and none of the other backends' libraries.
 */
class OwnClasspathTest {

  @Test
  void runsOnItsOwnClasspathWithThePresetsVersions() throws IOException {
    assertEquals("pytorch-javacpp", OwnClasspath.current());
    assertEquals("1.5.12", Loader.getVersion());
    assertEquals("0.3.30-1.5.12", Loader.getVersion("org.bytedeco", "openblas"));
    assertEquals("2.7.1-1.5.12", Loader.getVersion("org.bytedeco", "pytorch"));
  }

  @Test
  void otherBackendsLibrariesAreAbsent() {
    for (String name : List.of("org.nd4j.linalg.factory.Nd4j", "ai.djl.ndarray.NDArray", "org.ejml.data.FMatrixRMaj",
        "org.ojalgo.matrix.store.R032Store")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name + " is on pytorch-javacpp's class path");
    }
  }

  @Test
  void theRegistryOffersItsCellsAndPlainOnly() {
    List<String> backends = Backends.cellsHere().stream().map(Cell::backend).distinct().toList();
    assertEquals(List.of("plain", "plain-simd", "pytorch-javacpp"), backends);
  }

  @Test
  void versionsComeFromItsJars() {
    assertEquals("2.7.1-1.5.12", new PytorchJavacppBackend().versions().get("pytorch"));
    assertTrue(new PytorchJavacppBackend().versions().containsKey("javacpp"));
  }
}
