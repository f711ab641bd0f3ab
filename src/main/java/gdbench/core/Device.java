package gdbench.core;

/** Where a trainer runs. Backends that cannot use a GPU say so in {@link Backend#support}. */
public enum Device {
  CPU("cpu"),
  GPU("gpu");

  private final String id;

  Device(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Device parse(String text) {
    for (Device d : values()) {
      if (d.id.equals(text)) {
        return d;
      }
    }
    throw new GdbenchException("unknown device '" + text + "' (known: cpu, gpu)");
  }

  @Override
  public String toString() {
    return id;
  }
}
