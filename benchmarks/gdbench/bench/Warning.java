package gdbench.bench;

import gdbench.runfolder.BenchmarkKind;
import gdbench.core.Workload;

/** A result a reader should not take at face value: {@code type} is noisy or target-not-reached. */
record Warning(String type, BenchmarkKind kind, String cell, Workload workload, String message) {
  Warning(String type, PlanItem item, String message) {
    this(type, item.kind, item.cell, item.workload, message);
  }
}
