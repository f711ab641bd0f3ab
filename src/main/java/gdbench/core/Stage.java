package gdbench.core;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The tutorial's four stages: each lets the library do more of the work. */
public enum Stage {
  /** Forward pass, loss, gradient and update written by hand with the library's arrays. */
  MANUAL("manual"),
  /** The library computes the gradient; the update is by hand. */
  AUTOGRAD("autograd"),
  /** The library's loss function and optimizer. */
  LOSS_OPTIMIZER("loss-optimizer"),
  /** The library's model, loss, optimizer and training loop. */
  FULL_LIBRARY("full-library");

  private final String id;

  Stage(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Stage parse(String text) {
    for (Stage s : values()) {
      if (s.id.equals(text)) {
        return s;
      }
    }
    throw new GdbenchException("unknown stage '" + text + "' (known: " + names() + ")");
  }

  public static String names() {
    return Arrays.stream(values()).map(Stage::id).collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return id;
  }
}
