package gdbench.bench;

import gdbench.bench.Settings.Kind;
import gdbench.core.Workload;

/** A result a reader should not take at face value: {@code type} is noisy or target-not-reached. */
record Warning(String type, Kind kind, String cell, Workload workload, String message) {
  Warning(String type, PlanItem item, String message) {
    this(type, item.kind, item.cell, item.workload, message);
  }
}
