package gdbench.runfolder;

import com.fasterxml.jackson.databind.JsonNode;
import gdbench.core.GdbenchException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The one reader and writer of run folders, {@code results/<machine>/<run>/}: the file names, the
 * checks a folder must pass before anything renders from it, and the atomic write through which
 * every file goes, so that a reader sees either the previous or the next complete version.
 */
public final class RunFolderFiles {
  public static final String ENV = "env.json";
  public static final String JMH = "jmh.json";
  public static final String JMH_LOG = "jmh.log";
  public static final String CONVERGENCE = "convergence.json";
  public static final String TUTORIAL_REFERENCE = "tutorial-reference.json";
  public static final String REPORT = "REPORT.md";
  /** The index of all machines' latest runs, in the results root above the machine folders. */
  public static final String RESULTS_INDEX = "README.md";

  private static final List<String> REQUIRED_ENV_FIELDS = List.of("machine", "run", "status", "hardware", "jdk", "jmh", "backends", "workloads");

  private RunFolderFiles() {}

  /** Reads and checks the whole folder; any problem names the file. */
  public static RunData read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new GdbenchException(dir + ": not a run folder (no such directory)");
    }
    RunEnvironment env = readEnvironment(dir);
    List<JmhResults.Result> results = JmhResults.read(dir.resolve(JMH));
    return new RunData(dir, env, results, readConvergence(dir), readTutorialReference(dir));
  }

  /** env.json, refused unless it has the schema and the fields every report needs. */
  public static RunEnvironment readEnvironment(Path dir) {
    Path file = dir.resolve(ENV);
    JsonNode env = JsonFiles.read(file);
    if (!RunEnvironment.SCHEMA.equals(env.path("schema").asText())) {
      throw new GdbenchException(file + ": not a gdbench env.json (schema '" + env.path("schema").asText("none") + "', expected "
          + RunEnvironment.SCHEMA + ")");
    }
    for (String field : REQUIRED_ENV_FIELDS) {
      if (env.path(field).isMissingNode() || env.path(field).isNull()) {
        throw new GdbenchException(file + ": incomplete env.json (no '" + field + "')");
      }
    }
    return JsonFiles.convert(file, env, RunEnvironment.class, "gdbench env.json");
  }

  /**
   * env.json as far as it can be read, without the checks of {@link #readEnvironment}: the results
   * index lists every machine's latest run, whatever state the run is in.
   */
  public static RunEnvironment readEnvironmentLeniently(Path dir) {
    Path file = dir.resolve(ENV);
    return JsonFiles.convert(file, JsonFiles.read(file), RunEnvironment.class, "gdbench env.json");
  }

  /** convergence.json, or null when the run has none. */
  public static ConvergenceData readConvergence(Path dir) {
    Path file = dir.resolve(CONVERGENCE);
    if (!Files.exists(file)) {
      return null;
    }
    JsonNode node = JsonFiles.read(file);
    if (!ConvergenceData.SCHEMA.equals(node.path("schema").asText())) {
      throw new GdbenchException(file + ": not a gdbench convergence file (schema '" + node.path("schema").asText("none")
          + "', expected " + ConvergenceData.SCHEMA + ")");
    }
    return JsonFiles.convert(file, node, ConvergenceData.class, "ConvergenceData file");
  }

  /** tutorial-reference.json, or null when the run has none. */
  public static TutorialReferenceData readTutorialReference(Path dir) {
    Path file = dir.resolve(TUTORIAL_REFERENCE);
    if (!Files.exists(file)) {
      return null;
    }
    JsonNode node = JsonFiles.read(file);
    if (!TutorialReferenceData.readable(node.path("schema").asText())) {
      throw new GdbenchException(file + ": not a gdbench tutorial reference file");
    }
    return JsonFiles.convert(file, node, TutorialReferenceData.class, "gdbench tutorial reference file");
  }

  /**
   * Writes env.json: {@code env} is any tree Jackson serialises (a map, a {@link JsonNode}, a
   * record) with {@link RunEnvironment#SCHEMA}. It is checked to read back as {@link RunEnvironment}
   * before it replaces the old file, so that the runner cannot write what the report cannot read.
   */
  public static void writeEnvironment(Path dir, Object env) {
    byte[] json = JsonFiles.pretty(env);
    Path file = dir.resolve(ENV);
    JsonNode back;
    try {
      back = JsonFiles.MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("env.json does not read back: " + e.getMessage(), e);
    }
    if (!RunEnvironment.SCHEMA.equals(back.path("schema").asText())) {
      throw new IllegalArgumentException("env.json must have schema " + RunEnvironment.SCHEMA + ", got '" + back.path("schema").asText("none") + "'");
    }
    JsonFiles.convert(file, back, RunEnvironment.class, "gdbench env.json");
    writeAtomically(file, json);
  }

  public static void writeConvergence(Path dir, ConvergenceData data) {
    writeAtomically(dir.resolve(CONVERGENCE), JsonFiles.pretty(data));
  }

  public static void writeTutorialReference(Path dir, TutorialReferenceData data) {
    writeAtomically(dir.resolve(TUTORIAL_REFERENCE), JsonFiles.pretty(data));
  }

  /**
   * Writes a temporary file beside the target, then renames it over the target: readers (a report
   * rendered during a run, an interrupted run) never see a half-written file. The temporary name
   * is unique, so two writers of one file cannot rename each other's half.
   */
  public static void writeAtomically(Path target, byte[] content) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      Files.write(tmp, content);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new GdbenchException("cannot write " + target + ": " + e.getMessage());
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the rename already succeeded or the error above says why not
        }
      }
    }
  }

  public static void writeAtomically(Path target, String content) {
    writeAtomically(target, content.getBytes(StandardCharsets.UTF_8));
  }
}
