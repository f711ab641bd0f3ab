package gdbench.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.OwnClasspath;
import java.io.IOException;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.tensorflow.TensorFlow;
import org.junit.jupiter.api.Test;

/**
 * This backend's tests run on its own class path (the pom's {@code tensorflow} test run): the
 * JavaCPP TensorFlow Java 1.1.0 was built with, and none of the other backends' libraries.
 */
class OwnClasspathTest {

  @Test
  void runsOnItsOwnClasspathWithItsJavacpp() throws IOException {
    assertEquals("tensorflow", OwnClasspath.current());
    assertEquals("1.5.11", Loader.getVersion());
    assertEquals("2.18.0", TensorFlow.version());
  }

  @Test
  void otherBackendsLibrariesAreAbsent() {
    for (String name : List.of("org.nd4j.linalg.factory.Nd4j", "ai.djl.ndarray.NDArray", "org.ejml.data.FMatrixRMaj",
        "org.ojalgo.matrix.store.R032Store")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name + " is on tensorflow's class path");
    }
  }

  @Test
  void theRegistryOffersItsCellsAndPlainOnly() {
    List<String> backends = Backends.cellsHere().stream().map(Cell::backend).distinct().toList();
    assertEquals(List.of("plain", "plain-simd", "tensorflow"), backends);
  }

  @Test
  void versionsComeFromItsJars() {
    assertEquals("1.1.0", new TensorflowBackend().versions().get("tensorflow-core-api"));
    assertEquals("1.5.11", new TensorflowBackend().versions().get("javacpp"));
  }
}
