package gdbench.bench;

import java.io.ByteArrayOutputStream;
import gdbench.runfolder.RunFolderFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;

/**
 * A run's folder, {@code results/<machine>/<timestamp>/}: always a new one (a clash with an
 * existing folder gets a suffix, never a shared folder), written only through the run-folder
 * model's atomic writes ({@link RunFolderFiles}), so a reader sees a complete version of each file.
 */
final class RunFolder {
  static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);

  final Path dir;

  private RunFolder(Path dir) {
    this.dir = dir;
  }

  /** Creates {@code root/machine/<UTC timestamp>[-k]}, failing rather than reusing a folder. */
  static RunFolder create(Path root, String machine, Instant start) throws IOException {
    Path parent = root.resolve(machine);
    Files.createDirectories(parent);
    String stamp = STAMP.format(start);
    for (int k = 1; k < 1000; k++) {
      Path dir = parent.resolve(k == 1 ? stamp : stamp + "-" + k);
      try {
        Files.createDirectory(dir);
        return new RunFolder(dir);
      } catch (FileAlreadyExistsException e) {
        // another run started in the same second: take the next name
      }
    }
    throw new IOException("cannot create a new run folder under " + parent);
  }

  String name() {
    return dir.getFileName().toString();
  }

  /** env.json, through the run-folder model's one writer (it checks the file reads back). */
  void writeEnvironment(Object tree) {
    RunFolderFiles.writeEnvironment(dir, tree);
  }

  /** jmh.json in JMH's own JSON result format, with every result so far. */
  void writeJmh(Collection<RunResult> results) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
    }
    RunFolderFiles.writeAtomically(dir.resolve(RunFolderFiles.JMH), bytes.toByteArray());
  }
}
