package gdbench.report;

import gdbench.runfolder.RunData;
import java.util.List;

/**
 * Renders a run folder as Markdown, one section after another from one index of its results.
 * Every number comes from the folder's files; nothing depends on when or where the report is
 * rendered, so rendering the same folder twice gives the same text.
 */
public final class Report {
  /** A part of the page: appends its Markdown, headed by its own title. */
  @FunctionalInterface
  private interface Section {
    void render(RunResults results, StringBuilder md);
  }

  private static final List<Section> SECTIONS = List.of(
      HeaderSection::render,
      TimePerStepSection::render,
      JvmAgainstPythonSection::render,
      ThroughputSection::render,
      AbstractionTaxSection::render,
      CrossoverSection::render,
      SizeSweepSection::render,
      ThreadSweepSection::render,
      ProfileSection::render,
      ConvergenceSection::render,
      SingleRunSections::timeToTarget,
      SingleRunSections::coldStart,
      SingleRunSections::transfer,
      MemorySection::render,
      ProblemsSection::render,
      EnvironmentSection::render,
      ReproduceSection::render);

  private Report() {}

  public static String render(RunData run) {
    return render(RunResults.of(run));
  }

  public static String render(RunResults results) {
    StringBuilder md = new StringBuilder();
    for (Section section : SECTIONS) {
      section.render(results, md);
    }
    return md.toString();
  }
}
