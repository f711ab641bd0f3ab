package gdbench.report;

import gdbench.core.Stage;
import gdbench.runfolder.CellId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Each stage against its backend's manual step, then the idiomatic variant against the tuned one. */
final class AbstractionTaxSection {
  private AbstractionTaxSection() {}

  static void render(RunResults results, StringBuilder md) {
    md.append("## Abstraction tax\n\n");
    md.append("Time per step of each stage relative to the same backend's `manual` stage (its first, `tuned`, variant): what letting "
        + "the library compute the gradient (`autograd`), own the loss and optimizer (`loss-optimizer`) or the whole model and loop "
        + "(`full-library`) costs. Then `idiomatic` (the obvious code, a new array per operation) against `tuned`.\n\n");
    List<String> columns = new ArrayList<>(List.of("backend", "stage"));
    for (String w : results.stepWorkloads()) {
      columns.add(">" + w);
    }
    Markdown.Table tax = new Markdown.Table(columns.toArray(String[]::new));
    Markdown.Table idiom = new Markdown.Table(columns.toArray(String[]::new));
    for (Map.Entry<String, List<CellId>> e : results.cellsByBackend().entrySet()) {
      // a backend's first manual cell is its expert (tuned) one: the variants are listed expert first
      CellId manual = e.getValue().stream().filter(c -> c.is(Stage.MANUAL)).findFirst().orElse(null);
      if (manual == null) {
        continue;
      }
      for (CellId c : e.getValue()) {
        if (c.is(Stage.MANUAL)) {
          if (c.isIdiomatic()) {
            idiom.row(ratioRow(results, e.getKey(), "idiomatic ÷ tuned", c, manual));
          }
          continue;
        }
        tax.row(ratioRow(results, e.getKey(), c.stageAndVariant(), c, manual));
      }
    }
    md.append(tax.isEmpty() ? "No backend in this run serves a stage beyond `manual`.\n" : tax.render()).append('\n');
    if (!idiom.isEmpty()) {
      md.append(idiom.render()).append('\n');
    }
    for (String backend : results.taxGroups().keySet()) {
      md.append("![abstraction tax, ").append(backend).append("](").append(Charts.taxChartName(backend)).append(")\n\n");
    }
  }

  private static Object[] ratioRow(RunResults results, String backend, String label, CellId cell, CellId base) {
    List<String> row = new ArrayList<>(List.of(backend, label));
    for (String w : results.stepWorkloads()) {
      row.add(Markdown.times(results.secondsPerStep(cell, w) / results.secondsPerStep(base, w)));
    }
    return row.toArray();
  }
}
