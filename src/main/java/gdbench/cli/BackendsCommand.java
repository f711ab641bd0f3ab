package gdbench.cli;

import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.ClasspathNeed;
import gdbench.core.Device;
import gdbench.core.Stage;
import gdbench.core.StageSupport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code gdbench backends}: the backend × stage table, with the reason for every empty cell. */
@Command(name = "backends", mixinStandardHelpOptions = true, description = "List backends and the stages each can serve.")
final class BackendsCommand implements Runnable {
  @Spec CommandSpec spec;

  /** " (library version, ...; its own class path)", or "" for plain Java. */
  static String versions(Backend b) {
    List<String> parts = new ArrayList<>();
    b.versions().forEach((library, version) -> parts.add(library + " " + version));
    if (b.classpathNeed() == ClasspathNeed.OWN) {
      parts.add("own class path");
    }
    return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
  }

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> header = new ArrayList<>(List.of("backend"));
    for (Stage s : Stage.values()) {
      header.add(s.id());
    }
    header.add("gpu");
    List<List<String>> rows = new ArrayList<>();
    rows.add(header);
    Map<String, Integer> notes = new LinkedHashMap<>(); // reason -> footnote number
    for (Backend b : Backends.all()) {
      List<String> row = new ArrayList<>(List.of(b.name()));
      for (Stage s : Stage.values()) {
        StageSupport support = b.support(s);
        if (support.isServed()) {
          row.add(support.variants().isEmpty() ? "yes" : String.join(", ", support.variantIds()));
        } else {
          row.add("n/a [" + notes.computeIfAbsent(support.reason(), k -> notes.size() + 1) + "]");
        }
      }
      String gpu = b.deviceUnsupportedReason(Device.GPU);
      row.add(gpu == null ? "yes" : "n/a [" + notes.computeIfAbsent(gpu, k -> notes.size() + 1) + "]");
      rows.add(row);
    }
    int[] width = new int[header.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(String.format("%-" + (width[i] + 2) + "s", row.get(i)));
      }
      out.println(line.toString().stripTrailing());
    }
    out.println();
    for (Map.Entry<String, Integer> note : notes.entrySet()) {
      out.println("[" + note.getValue() + "] " + note.getKey());
    }
    out.println();
    for (Backend b : Backends.all()) {
      out.println(b.name() + ": " + b.description() + versions(b));
    }
  }
}
