package gdbench.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProblemsTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }

  private String error(String spec) {
    return assertThrows(GdbenchException.class, () -> Problems.parse(spec)).getMessage();
  }

  @Test
  void seedIsTheTutorialsData() {
    Problem p = Problems.parse("seed");
    assertArrayEquals(new float[] {1, 2, 3, 4}, p.x());
    assertArrayEquals(new float[] {2, 4, 6, 8}, p.y());
    assertEquals(1, p.d());
  }

  @Test
  void csvWithHeaderHasFeaturesThenTarget() throws IOException {
    Path f = write("h.csv", "x1,x2,y\n1,2,3\n4,5,6\n");
    Problem p = Problems.parse(f.toString());
    assertEquals(2, p.n());
    assertEquals(2, p.d());
    assertArrayEquals(new float[] {1, 2, 4, 5}, p.x());
    assertArrayEquals(new float[] {3, 6}, p.y());
  }

  @Test
  void csvWithoutHeaderKeepsItsFirstRow() throws IOException {
    Path f = write("n.csv", "1,2\n3,4\n\n5, 6\n");
    Problem p = Problems.parse(f.toString());
    assertEquals(3, p.n());
    assertArrayEquals(new float[] {1, 3, 5}, p.x());
    assertArrayEquals(new float[] {2, 4, 6}, p.y());
  }

  @Test
  void csvErrorsNameTheFileAndLine() throws IOException {
    Path ragged = write("ragged.csv", "x,y\n1,2\n3,4,5\n");
    assertEquals(ragged + " line 3: expected 2 columns, found 3", error(ragged.toString()));
    Path text = write("text.csv", "x,y\n1,2\n3,4\n5,abc\n");
    assertEquals(text + " line 4, column 2: 'abc' is not a number", error(text.toString()));
    Path nan = write("nan.csv", "1,NaN\n");
    assertEquals(nan + " line 1, column 2: 'NaN' is not a finite float32 number", error(nan.toString()));
    Path blankThenBad = write("blank.csv", "1,2\n\n3,x\n");
    assertEquals(blankThenBad + " line 3, column 2: 'x' is not a number", error(blankThenBad.toString()));
  }

  @Test
  void emptyHeaderOnlyOneColumnAndMissingFilesAreRefused() throws IOException {
    Path empty = write("empty.csv", "");
    assertEquals(empty + ": empty file, no samples", error(empty.toString()));
    Path header = write("header.csv", "x,y\n");
    assertEquals(header + ": fewer than one sample (only a header row)", error(header.toString()));
    Path one = write("one.csv", "1\n2\n");
    assertEquals(one + " line 1: needs at least 2 columns (features, then the target), found 1", error(one.toString()));
    Path missing = dir.resolve("missing.csv");
    assertEquals("data file '" + missing + "' not found (use seed, synthetic:n=N,d=D,seed=S or an existing FILE.csv)", error(missing.toString()));
    assertEquals("data file '" + dir + "' is not a readable file", error(dir.toString()));
  }

  @Test
  void syntheticIsReproducibleAndSeeded() {
    Problem a = Problems.parse("synthetic:n=100,d=3,seed=5");
    Problem b = Problems.parse("synthetic:n=100,d=3,seed=5");
    Problem c = Problems.parse("synthetic:n=100,d=3,seed=6");
    assertArrayEquals(a.x(), b.x());
    assertArrayEquals(a.y(), b.y());
    assertFalse(Arrays.equals(a.x(), c.x()));
    assertEquals(100, a.n());
    assertEquals(3, a.d());
    assertEquals("synthetic:n=100,d=3,seed=5", a.name());
  }

  @Test
  void syntheticFollowsItsTrueWeightsAndBias() {
    Problem p = Problems.parse("synthetic:n=4,d=2,seed=1,noise=0,bias=1.5,w=2:-1");
    for (int i = 0; i < p.n(); i++) {
      assertEquals(2 * p.x()[2 * i] - p.x()[2 * i + 1] + 1.5, p.y()[i], 1e-5);
    }
  }

  /** The generator's first values, pinned so committed results stay comparable across versions. */
  @Test
  void syntheticDataIsStableAcrossVersions() {
    Problem p = Problems.synthetic(3, 2, 42);
    assertArrayEquals(new float[] {-0.45084986f, 0.67071646f, -0.20510402f, 0.21958637f, -0.6703715f, -0.6175954f}, p.x());
    assertArrayEquals(new float[] {-0.8292175f, -0.06357968f, 0.6247455f}, p.y());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "synthetic:n=0,d=1|synthetic data needs n >= 1 (fewer than one sample), got n=0",
      "synthetic:d=2|synthetic data needs n=N (e.g. synthetic:n=1000,d=4,seed=1)",
      "synthetic:n=10,d=0|synthetic data needs d >= 1, got d=0",
      "synthetic:n=ten|synthetic data: n must be an integer, got 'ten'",
      "synthetic:n=10,q=1|synthetic data: unknown key 'q' (known: n, d, seed, noise, bias, w)",
      "synthetic:n=10,noise=-1|synthetic noise must be a finite number >= 0, got -1.0",
      "synthetic:n=10,d=2,w=1|synthetic w= gives 1 weights but d=2",
      "synthetic:n=100000,d=100000|synthetic data of n*d = 10000000000 values is too large (limit 268435456)",
      "synthetic:n10|synthetic data: 'n10' is not key=value (in 'synthetic:n10')",
  })
  void badSyntheticSpecsAreNamed(String spec, String message) {
    assertEquals(message, error(spec));
  }
}
