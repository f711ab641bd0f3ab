package gdbench.core;

import java.util.Arrays;
import java.util.List;

/**
 * Whether a backend serves a stage: with its variants (an empty list when there is only one way to
 * write it), or with the reason it cannot. Variants are kept in {@link Variant} order, so the
 * expert one is always first whatever order a backend lists them in.
 */
public record StageSupport(List<Variant> variants, String reason) {

  public StageSupport {
    variants = variants.stream().distinct().sorted().toList();
  }

  public static StageSupport served() {
    return new StageSupport(List.of(), null);
  }

  public static StageSupport served(Variant... variants) {
    return new StageSupport(Arrays.asList(variants), null);
  }

  public static StageSupport notServed(String reason) {
    return new StageSupport(List.of(), reason);
  }

  public boolean isServed() {
    return reason == null;
  }

  /** The variants' ids, e.g. {@code [tuned, idiomatic]}. */
  public List<String> variantIds() {
    return variants.stream().map(Variant::id).toList();
  }
}
