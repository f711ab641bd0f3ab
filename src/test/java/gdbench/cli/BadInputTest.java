package gdbench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gdbench.core.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets one {@code error: ...} line on stderr, exit status 2, and no stack trace. */
class BadInputTest {
  @TempDir Path dir;

  private static void refused(String expectedError, String... args) {
    Cli r = Cli.run(args);
    assertEquals(Main.EXIT_USAGE, r.status(), "exit status for " + String.join(" ", args) + "\n" + r.err());
    assertEquals("", r.out(), "nothing on stdout");
    assertEquals(1, r.err().lines().count(), "one line: " + r.err());
    assertEquals("error: " + expectedError, r.err().strip());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  @Test
  void unknownNames() {
    // the known names come from the registry, so that a new backend does not change this test
    assertTrue(Backends.names().startsWith("plain, plain-simd, ejml, nd4j, djl"), Backends.names());
    refused("unknown backend 'numpy' (known: " + Backends.names() + ")", "train", "--backend", "numpy");
    refused("unknown stage 'magic' (known: manual, autograd, loss-optimizer, full-library)", "train", "--stage", "magic");
    refused("unknown gradient rule 'sum' (known: mean, dot)", "train", "--gradient", "sum");
    refused("unknown format 'xml' (known: text, json)", "train", "--format", "xml");
    refused("unknown device 'tpu' (known: cpu, gpu)", "train", "--device", "tpu");
    refused("unknown initialisation 'ones' (known: zeros, random:SEED)", "train", "--init", "ones");
    refused("--init random:SEED needs an integer seed, got 'x'", "train", "--init", "random:x");
    refused("--data is empty (use seed, synthetic:n=N,d=D,seed=S or FILE.csv)", "train", "--data", "");
    refused("plain manual has no variants, got --variant tuned", "train", "--variant", "tuned");
  }

  @Test
  void aStageTheBackendCannotServeSaysWhy() {
    refused("plain cannot serve stage autograd: plain Java arrays have no automatic differentiation, loss, optimizer or model classes",
        "train", "--stage", "autograd");
  }

  @Test
  void impossibleParameters() {
    refused("learning rate must be a positive finite number, got -1.0", "train", "--lr", "-1");
    refused("learning rate must be a positive finite number, got 0.0", "train", "--lr", "0");
    refused("learning rate must be a positive finite number, got NaN", "train", "--lr", "NaN");
    refused("learning rate must be a positive finite number, got Infinity", "train", "--lr", "Infinity");
    refused("epochs must be at least 1, got 0", "train", "--epochs", "0");
    refused("--print-every must be at least 1, got 0", "train", "--print-every", "0");
    refused("threads must be at least 1, got 0", "train", "--threads", "0");
    refused("Invalid value for option '--lr': 'fast' is not a float (see gdbench train --help)", "train", "--lr", "fast");
    refused("Invalid value for option '--epochs': 'ten' is not an int (see gdbench train --help)", "train", "--epochs", "ten");
    refused("Unknown option: '--speed' (see gdbench train --help)", "train", "--speed");
    refused("plain cannot run on gpu: CPU only", "train", "--device", "gpu");
  }

  @Test
  void missingEmptyAndMalformedFiles() throws IOException {
    Path missing = dir.resolve("nope.csv");
    refused("data file '" + missing + "' not found (use seed, synthetic:n=N,d=D,seed=S or an existing FILE.csv)", "train", "--data", missing.toString());
    Path empty = Files.writeString(dir.resolve("empty.csv"), "");
    refused(empty + ": empty file, no samples", "train", "--data", empty.toString());
    Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2\n3,4\n5\n");
    refused(ragged + " line 3: expected 2 columns, found 1", "train", "--data", ragged.toString());
    Path word = Files.writeString(dir.resolve("word.csv"), "x,y\n1,2\ntwo,4\n");
    refused(word + " line 3, column 1: 'two' is not a number", "train", "--data", word.toString());
    Path header = Files.writeString(dir.resolve("header.csv"), "x,y\n");
    refused(header + ": fewer than one sample (only a header row)", "train", "--data", header.toString());
    refused("synthetic data needs n >= 1 (fewer than one sample), got n=0", "train", "--data", "synthetic:n=0,d=1");
  }

  @Test
  void noCommand() {
    Cli r = Cli.run();
    assertEquals(Main.EXIT_USAGE, r.status());
    assertTrue(r.err().startsWith("error: a command is required"), r.err());
  }
}
