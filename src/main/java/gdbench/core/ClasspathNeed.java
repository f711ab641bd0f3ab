package gdbench.core;

/** The class path a backend's JVM needs ({@link Backend#classpathNeed()}). */
public enum ClasspathNeed {
  /** The JDK only: runs on any gdbench class path. */
  NONE,
  /** The build's runtime class path, shared by every backend whose libraries agree. */
  MAIN,
  /** A class path of its own: gdbench's core libraries, this backend and its libraries ({@link OwnClasspath}). */
  OWN
}
