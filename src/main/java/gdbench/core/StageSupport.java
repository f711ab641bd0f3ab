package gdbench.core;

import java.util.List;

/**
 * Whether a backend serves a stage: with the names of its variants (an empty list when there is
 * only one way), or with the reason it cannot.
 */
public record StageSupport(List<String> variants, String reason) {

  public static StageSupport served() {
    return new StageSupport(List.of(), null);
  }

  public static StageSupport served(String... variants) {
    return new StageSupport(List.of(variants), null);
  }

  public static StageSupport notServed(String reason) {
    return new StageSupport(List.of(), reason);
  }

  public boolean isServed() {
    return reason == null;
  }
}
