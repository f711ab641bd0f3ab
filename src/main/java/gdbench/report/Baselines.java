package gdbench.report;

import gdbench.runfolder.CellId;
import gdbench.runfolder.ConvergenceData;

/**
 * The two cells the report measures others against, named in one place. Both are the Java
 * baselines a library has to beat: the tutorial's loops as written, and the fastest plain Java
 * the suite knows for one feature.
 */
final class Baselines {
  /** The tutorial's loops in plain Java; also the trajectory convergence deviations are measured from. */
  static final CellId PLAIN = CellId.parse(ConvergenceData.REFERENCE_CELL);
  /** One fused SIMD pass on one core: the floor with one feature. */
  static final CellId FLOOR = CellId.parse("plain-simd/manual");

  private Baselines() {}

  /** Cells of the baselines' own backends, which the crossover table leaves out. */
  static boolean isBaselineBackend(CellId cell) {
    return cell.backend().equals(PLAIN.backend()) || cell.backend().equals(FLOOR.backend());
  }
}
