package gdbench.runfolder;

import gdbench.core.GdbenchException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * A profile of the profiling mode ({@code -Dbench.profile=async}): async-profiler's collapsed
 * stacks, one line per distinct stack, {@code root;...;leaf count}, gzipped in the run folder under
 * {@code profiles/<cell, '/' as '_'>/<workload>[-<threads>t]/}, beside the flame graph.
 */
public record CollapsedStacks(List<Stack> stacks) {
  public static final String FOLDER = "profiles";
  public static final String STACKS = "collapsed-cpu.csv.gz";
  public static final String FLAME_GRAPH = "flame-cpu-forward.html";

  /** One distinct stack, root first, and how many samples it had. */
  public record Stack(List<String> frames, long samples) {
    public String leaf() {
      return frames.get(frames.size() - 1);
    }
  }

  /** The profile's folder, relative to the run folder: {@code profiles/djl_manual_tuned/large}. */
  public static String folder(String cell, String workload) {
    return FOLDER + "/" + cell.replace('/', '_') + "/" + workload;
  }

  /** The profile of a cell on a workload, or null where the run has none. */
  public static CollapsedStacks read(Path runDir, String cell, String workload) {
    Path file = runDir.resolve(folder(cell, workload)).resolve(STACKS);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    List<Stack> stacks = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        int space = line.lastIndexOf(' ');
        if (space <= 0) {
          continue;
        }
        long samples;
        try {
          samples = Long.parseLong(line.substring(space + 1).trim());
        } catch (NumberFormatException e) {
          continue;
        }
        stacks.add(new Stack(List.of(line.substring(0, space).split(";")), samples));
      }
    } catch (IOException e) {
      throw new GdbenchException(file + ": unreadable profile (" + e.getMessage() + ")");
    }
    return new CollapsedStacks(List.copyOf(stacks));
  }

  public long samples() {
    return stacks.stream().mapToLong(Stack::samples).sum();
  }
}
