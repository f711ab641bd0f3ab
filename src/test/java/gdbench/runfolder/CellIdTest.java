package gdbench.runfolder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Stage;
import org.junit.jupiter.api.Test;

class CellIdTest {
  @Test
  void takesIdsApartAndPutsThemBackTogether() {
    CellId tuned = CellId.parse("nd4j/manual/tuned");
    assertEquals(new CellId("nd4j", "manual", "tuned"), tuned);
    assertEquals("manual/tuned", tuned.stageAndVariant());
    assertTrue(tuned.is(Stage.MANUAL));
    assertFalse(tuned.isIdiomatic());
    assertTrue(CellId.parse("djl/manual/idiomatic").isIdiomatic());
    CellId autograd = CellId.parse("djl/autograd");
    assertEquals(new CellId("djl", "autograd", null), autograd);
    assertTrue(autograd.is(Stage.AUTOGRAD));
    for (String id : new String[] {"plain/manual", "plain-simd/manual", "ejml/manual/idiomatic", "nd4j/full-library", "torch/loss-optimizer"}) {
      assertEquals(id, CellId.parse(id).id());
    }
  }

  @Test
  void aStageNamedLikeAVariantIsNotOne() {
    assertFalse(CellId.parse("x/idiomatic").isIdiomatic(), "idiomatic is a variant, not a stage");
    assertFalse(CellId.parse("x/manual-idiomatic").is(Stage.MANUAL));
  }

  @Test
  void anIdWithoutASlashStillParses() {
    assertEquals(new CellId("numpy", "", null), CellId.parse("numpy"));
  }
}
