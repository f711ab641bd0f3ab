package gdbench.runfolder;

import gdbench.core.Stage;
import gdbench.core.Variant;

/**
 * A cell id as a run folder spells it, {@code backend/stage} or {@code backend/stage/variant},
 * taken apart without the backend registry: a folder may name backends or stages this build no
 * longer has, and must still render. The one place where ids are split.
 */
public record CellId(String backend, String stage, String variant) {
  /** The expert variant's id ({@link Variant#TUNED}). */
  public static final String TUNED = Variant.TUNED.id();
  /** The obvious variant's id ({@link Variant#IDIOMATIC}). */
  public static final String IDIOMATIC = Variant.IDIOMATIC.id();

  /** Never fails: an id without a slash is a backend with an empty stage. */
  public static CellId parse(String id) {
    int first = id.indexOf('/');
    if (first < 0) {
      return new CellId(id, "", null);
    }
    String rest = id.substring(first + 1);
    int second = rest.indexOf('/');
    return second < 0 ? new CellId(id.substring(0, first), rest, null)
        : new CellId(id.substring(0, first), rest.substring(0, second), rest.substring(second + 1));
  }

  public String id() {
    return backend + "/" + stageAndVariant();
  }

  /** Everything after the backend: {@code manual/tuned}, {@code autograd}. */
  public String stageAndVariant() {
    return variant == null ? stage : stage + "/" + variant;
  }

  public boolean is(Stage s) {
    return stage.equals(s.id());
  }

  public boolean isIdiomatic() {
    return IDIOMATIC.equals(variant);
  }

  @Override
  public String toString() {
    return id();
  }
}
