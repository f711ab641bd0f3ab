package gdbench.report;

import gdbench.runfolder.BenchmarkKind;
import gdbench.runfolder.CellId;
import gdbench.runfolder.CollapsedStacks;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The profiling mode's page: per workload, what each cell's CPU samples went to, its hottest leaf
 * frame and a link to its flame graph; then, for every stage beyond a backend's manual one, which
 * categories its extra time per step goes to. Only for runs made with {@code -Dbench.profile=async}.
 */
final class ProfileSection {
  private ProfileSection() {}

  static void render(RunResults results, StringBuilder md) {
    Map<String, Map<CellId, ProfileSummary>> byWorkload = new LinkedHashMap<>();
    for (String w : results.stepWorkloads()) {
      for (CellId c : results.cells()) {
        ProfileSummary p = ProfileSummary.of(CollapsedStacks.read(results.run().dir(), c.id(), w));
        if (p != null) {
          byWorkload.computeIfAbsent(w, k -> new LinkedHashMap<>()).put(c, p);
        }
      }
    }
    if (byWorkload.isEmpty()) {
      return;
    }
    md.append("## Where the time goes: profiles\n\n");
    md.append("The first fork of every step result ran under async-profiler (`-Dbench.profile=async`: event `cpu`, one sample per ms of "
        + "CPU time, measured iterations only); the other forks measured without it. Shares are of the CPU samples of every thread of "
        + "that fork, the GC's and the JIT compiler's included, so they add up to CPU time, not wall time. Each stack counts once, in the "
        + "first category whose rule matches; the rules read frame names, so the categories are a reading aid beside the flame graph:\n\n");
    for (ProfileSummary.Category c : ProfileSummary.Category.values()) {
      md.append("- **").append(c.label).append("**: ").append(c.rule).append(".\n");
    }
    md.append('\n');
    List<String> columns = new ArrayList<>(List.of("cell", ">samples"));
    for (ProfileSummary.Category c : ProfileSummary.Category.values()) {
      columns.add(">" + c.label);
    }
    columns.addAll(List.of("hottest leaf frame", "flame graph"));
    for (Map.Entry<String, Map<CellId, ProfileSummary>> e : byWorkload.entrySet()) {
      md.append("### ").append(e.getKey()).append("\n\n");
      Markdown.Table t = new Markdown.Table(columns.toArray(String[]::new));
      for (Map.Entry<CellId, ProfileSummary> p : e.getValue().entrySet()) {
        List<String> row = new ArrayList<>(List.of(p.getKey().id(), String.valueOf(p.getValue().total())));
        for (ProfileSummary.Category c : ProfileSummary.Category.values()) {
          double share = p.getValue().share(c);
          row.add(share == 0 ? "-" : Markdown.percent(share));
        }
        row.add(p.getValue().topLeaf() == null ? "-"
            : "`" + p.getValue().topLeaf().replace("|", "\\|").replace("`", "'") + "` " + Markdown.percent(p.getValue().topLeafShare()));
        row.add("[flame graph](" + CollapsedStacks.folder(p.getKey().id(), e.getKey()) + "/" + CollapsedStacks.FLAME_GRAPH + ")");
        t.row(row.toArray());
      }
      md.append(t.render()).append('\n');
    }
    extraTime(results, byWorkload, md);
  }

  /** Below this extra time, as a fraction of the manual cell's, a split by category is within the profiles' own noise. */
  static final double SPLIT_FROM = 0.2;

  /**
   * Each stage's extra time per step over its backend's manual (tuned) cell, split by category:
   * a category's time per step is its share of the samples (the JIT compiler's left out: it runs
   * beside the step, on another core) times the step's time, approximately.
   */
  private static void extraTime(RunResults results, Map<String, Map<CellId, ProfileSummary>> byWorkload, StringBuilder md) {
    Markdown.Table t = new Markdown.Table("backend", "stage", "workload", ">extra time per step", "beyond both intervals", "goes mostly to");
    for (Map.Entry<String, List<CellId>> group : results.taxGroups().entrySet()) {
      CellId base = group.getValue().get(0);
      for (CellId cell : group.getValue().subList(1, group.getValue().size())) {
        for (Map.Entry<String, Map<CellId, ProfileSummary>> e : byWorkload.entrySet()) {
          ProfileSummary pc = e.getValue().get(cell);
          ProfileSummary pb = e.getValue().get(base);
          Figure fc = results.stepFigure(cell, e.getKey());
          Figure fb = results.stepFigure(base, e.getKey());
          if (pc == null || pb == null || fc == null || fb == null || !(fc.seconds() > fb.seconds())) {
            continue;
          }
          double tc = fc.seconds();
          double tb = fb.seconds();
          double extra = tc - tb;
          String apart = fc.secondsLow() > fb.secondsHigh() ? "yes" : Double.isNaN(fc.secondsLow() + fb.secondsHigh()) ? "one fork" : "no";
          String split = "within the profiles' noise (under " + Markdown.percent(SPLIT_FROM).replace(".0%", "%") + " of the manual cell's time)";
          if (extra >= SPLIT_FROM * tb) {
            List<Map.Entry<ProfileSummary.Category, Double>> parts = new ArrayList<>();
            for (ProfileSummary.Category c : ProfileSummary.Category.values()) {
              if (c != ProfileSummary.Category.JIT) {
                parts.add(Map.entry(c, pc.shareBesidesJit(c) * tc - pb.shareBesidesJit(c) * tb));
              }
            }
            parts.sort(Comparator.comparingDouble((Map.Entry<ProfileSummary.Category, Double> p) -> -p.getValue())
                .thenComparing(p -> p.getKey().ordinal()));
            List<String> top = new ArrayList<>();
            for (Map.Entry<ProfileSummary.Category, Double> p : parts.subList(0, 2)) {
              if (p.getValue() > 0) {
                top.add(String.format(Locale.ROOT, "%s %s (%s)", p.getKey().label, Markdown.duration(p.getValue()),
                    Markdown.percent(p.getValue() / extra)));
              }
            }
            split = String.join("; ", top);
          }
          t.row(group.getKey(), cell.stageAndVariant(), e.getKey(), "+" + Markdown.duration(extra), apart, split);
        }
      }
    }
    if (t.isEmpty()) {
      return;
    }
    md.append("### What each stage's extra time goes to\n\n");
    md.append("Time per step above the same backend's `manual` (tuned) cell on the same workload (this run's "
        + BenchmarkKind.STEP.id() + " figures; whether the two results' intervals are apart), and the two categories that grew most. "
        + "A category's time per step is its share of the samples, the JIT compiler's left out (it compiles beside the step, on "
        + "another core), times the time per step: an approximate split, given where the extra time is at least "
        + Markdown.percent(SPLIT_FROM).replace(".0%", "%") + " of the manual cell's.\n\n");
    md.append(t.render()).append('\n');
  }
}
