package gdbench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.runfolder.TutorialReferenceData;
import java.util.List;
import org.junit.jupiter.api.Test;

class PythonPairsTest {
  @Test
  void likeWithLike() {
    assertEquals("torch/manual/tuned", PythonPairs.counterpart(Cell.parse("djl/manual/tuned"), true));
    assertEquals("torch/manual/tutorial", PythonPairs.counterpart(Cell.parse("djl/manual/idiomatic"), true));
    assertEquals("numpy/manual/tuned", PythonPairs.counterpart(Cell.parse("nd4j/manual/tuned"), false));
    assertEquals("numpy/manual/tutorial", PythonPairs.counterpart(Cell.parse("ejml/manual/idiomatic"), false));
    assertEquals("torch/autograd/tutorial", PythonPairs.counterpart(Cell.parse("nd4j/autograd"), false));
    assertEquals("torch/loss-optimizer/tutorial", PythonPairs.counterpart(Cell.parse("djl/loss-optimizer"), true));
    assertEquals("torch/full-library/tutorial", PythonPairs.counterpart(Cell.parse("nd4j/full-library"), false));
    assertNull(PythonPairs.counterpart(Cell.parse("plain/manual"), false), "fused Java loops have no like in Python");
    assertNull(PythonPairs.counterpart(Cell.parse("plain-simd/manual"), false));
  }

  @Test
  void theRegistryDecidesWhichBackendRunsLibtorch() {
    List<TutorialReferenceData.Pair> pairs = PythonPairs.of(Backends.cells(), List.of("torch/manual/tuned", "numpy/manual/tuned"));
    assertEquals(List.of("ejml/manual/tuned numpy/manual/tuned", "nd4j/manual/tuned numpy/manual/tuned", "djl/manual/tuned torch/manual/tuned",
            "ojalgo/manual/tuned numpy/manual/tuned", "pytorch-javacpp/manual/tuned torch/manual/tuned"),
        pairs.stream().map(p -> p.cell() + " " + p.python()).toList());
  }
}
