package gdbench.cli;

import gdbench.core.Backends;
import gdbench.core.Cell;
import gdbench.core.GdbenchException;
import gdbench.core.OwnClasspath;
import gdbench.measure.ConvergenceProblem;
import gdbench.measure.ConvergenceRunner;
import gdbench.runfolder.ConvergenceData;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gdbench converge}: every served cell on the standard convergence problems. */
@Command(name = "converge", mixinStandardHelpOptions = true,
    description = "Train every served cell on the convergence problems and record the trajectories.")
final class ConvergeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--run", description = "Run folder to write " + RunFolderFiles.CONVERGENCE + " into (created if missing). Without it, only the summary is printed.")
  Path run;

  @Option(names = "--include", description = "Cells to run: backend names, cell ids or globs, comma-separated (default: all).")
  String include;

  @Option(names = "--problems", split = ",", description = "Problems to run (default: all): ${COMPLETION-CANDIDATES}", completionCandidates = ProblemNames.class)
  List<String> problemNames;

  @Option(names = "--force", description = "Replace an existing " + RunFolderFiles.CONVERGENCE + " in the run folder.")
  boolean force;

  @Option(names = "--quick", description = "Shorter warm-up before timing the steps to the target.")
  boolean quick;

  /**
   * The cells of a backend with a class path of its own, run by {@code gdbench converge} in a JVM on
   * that class path (with {@code plain/manual}, the reference its deviation is measured against),
   * and added to this JVM's runs.
   */
  private ConvergenceData withRunsOf(String backend, List<Cell> cells, ConvergenceData data, List<ConvergenceProblem> problems) {
    Path dir;
    try {
      dir = Files.createTempDirectory("gdbench-converge-" + backend);
    } catch (IOException e) {
      throw new GdbenchException("cannot create a temporary folder: " + e.getMessage());
    }
    try {
      String include = String.join(",", cells.stream().map(Cell::id).toList()) + "," + ConvergenceData.REFERENCE_CELL;
      List<String> args = new ArrayList<>(List.of("converge", "--run", dir.toString(), "--include", include, "--problems", String.join(",", problems.stream().map(ConvergenceProblem::name).toList())));
      if (quick) {
        args.add("--quick");
      }
      spec.commandLine().getOut().flush();
      int status = OwnClasspath.run(backend, Main.class.getName(), args, true);
      ConvergenceData theirs = status == 0 ? RunFolderFiles.readConvergence(dir) : null;
      if (theirs == null) {
        throw new GdbenchException("converge of " + backend + " on its own class path failed (exit " + status + ")");
      }
      List<ConvergenceData.Run> runs = new ArrayList<>(data.runs());
      theirs.runs().stream().filter(r -> Cell.parse(r.cell()).backend().equals(backend)).forEach(runs::add);
      return new ConvergenceData(data.schema(), data.problems(), runs);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException e) {
        // a temporary folder left behind
      }
    }
  }

  static final class ProblemNames extends java.util.ArrayList<String> {
    ProblemNames() {
      super(ConvergenceProblem.standard().stream().map(ConvergenceProblem::name).toList());
    }
  }

  @Override
  public Integer call() {
    List<ConvergenceProblem> problems = ConvergenceProblem.standard();
    if (problemNames != null) {
      for (String name : problemNames) {
        if (problems.stream().noneMatch(p -> p.name().equals(name))) {
          throw new GdbenchException("unknown convergence problem '" + name + "' (known: " + String.join(", ", new ProblemNames()) + ")");
        }
      }
      problems = problems.stream().filter(p -> problemNames.contains(p.name())).toList();
    }
    Path target = run == null ? null : run.resolve(RunFolderFiles.CONVERGENCE);
    if (target != null && Files.exists(target) && !force) {
      throw new GdbenchException(target + " exists; a run's convergence data is not replaced (use a new run folder, or --force)");
    }
    List<Cell> cells;
    try {
      cells = Backends.select(include);
    } catch (GdbenchException e) {
      throw new GdbenchException("--include " + e.getMessage());
    }
    List<Cell> here = cells.stream().filter(c -> OwnClasspath.runsHere(Backends.get(c.backend()))).toList();
    ConvergenceData data = ConvergenceRunner.run(here, problems,
        quick ? ConvergenceRunner.Timing.QUICK : ConvergenceRunner.Timing.FULL, spec.commandLine().getErr());
    for (String backend : cells.stream().filter(c -> !here.contains(c)).map(Cell::backend).distinct().toList()) {
      data = withRunsOf(backend, cells.stream().filter(c -> c.backend().equals(backend)).toList(), data, problems);
    }
    if (target != null) {
      RunFolderFiles.writeConvergence(run, data);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%-10s %-28s %-9s %14s %14s %8s %10s %10s%n", "problem", "cell", "status", "final loss", "distance", "epochs", "ms", "vs plain");
    for (ConvergenceData.Run r : data.runs()) {
      String status = r.divergedAtEpoch() != null ? "diverged@" + r.divergedAtEpoch() : r.status();
      out.printf(Locale.ROOT, "%-10s %-28s %-9s %14s %14s %8s %10s %10s%n", r.problem(), r.cell(), status,
          fmt(r.finalLoss()), fmt(r.distanceToOptimum()), r.epochsToTarget() == null ? "-" : r.epochsToTarget().toString(),
          r.msToTarget() == null ? "-" : String.format(Locale.ROOT, "%.3f", r.msToTarget()), fmt(r.maxDeviationFromPlain()));
      if (r.error() != null) {
        out.println("    failed: " + r.error());
      }
    }
    if (target != null) {
      out.println("wrote " + target);
    }
    return 0;
  }

  private static String fmt(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.3e", v);
  }
}
