package gdbench.measure;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.Stage;
import gdbench.core.Variant;
import gdbench.runfolder.TutorialReferenceData;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which Python row runs the same algorithm the same way as a JVM cell: the report compares only
 * these pairs. A manual cell pairs with its variant (tuned with tuned, idiomatic with the
 * tutorial's code) in torch where the backend runs libtorch (it reports a {@code pytorch} version:
 * the same engine from both languages) and in numpy otherwise (an array library without autograd);
 * a manual cell without variants (plain Java's fused loops) has no Python like. The autograd,
 * loss-optimizer and full-library stages pair with the tutorial's torch code of that stage.
 */
final class PythonPairs {
  private PythonPairs() {}

  /** The id of the Python row ({@code library/stage/variant}) for the cell, or null when none is like it. */
  static String counterpart(Cell cell, boolean runsLibtorch) {
    if (cell.stage() != Stage.MANUAL) {
      return "torch/" + cell.stage().id() + "/" + TutorialReferenceData.TUTORIAL;
    }
    if (cell.variant() == null) {
      return null;
    }
    String library = runsLibtorch ? "torch" : "numpy";
    return library + "/manual/" + (cell.variant() == Variant.TUNED ? TutorialReferenceData.TUNED : TutorialReferenceData.TUTORIAL);
  }

  /** The registry's cells paired with the rows measured, in registry order. */
  static List<TutorialReferenceData.Pair> of(List<Cell> cells, Collection<String> pythonRows) {
    List<TutorialReferenceData.Pair> pairs = new ArrayList<>();
    for (Cell cell : cells) {
      String python = counterpart(cell, runsLibtorch(cell.backend()));
      if (python != null && pythonRows.contains(python)) {
        pairs.add(new TutorialReferenceData.Pair(cell.id(), python));
      }
    }
    return pairs;
  }

  private static boolean runsLibtorch(String backend) {
    try {
      return Backends.get(backend).versions().containsKey("pytorch");
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
