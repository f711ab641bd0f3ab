package gdbench.nd4j;

import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The model as a SameDiff graph, built once: placeholders {@code x} [N, D] and {@code y} [N, 1],
 * variables {@code w} [D, 1] and (with a bias) {@code b} [1], and {@code prediction = x·w (+ b)}.
 * The data is converted to INDArrays here, once; each step feeds the same arrays.
 */
final class Nd4jLinearGraph {
  static final String X = "x";
  static final String Y = "y";
  static final String W = "w";
  static final String B = "b";

  final SameDiff sd = SameDiff.create();
  final int n;
  final int d;
  final boolean hasBias;
  final SDVariable x;
  final SDVariable y;
  final SDVariable w;
  final SDVariable b; // null without a bias
  final SDVariable prediction;
  final INDArray xData; // [n, d]
  final INDArray yData; // [n, 1]
  final Map<String, INDArray> placeholders = new HashMap<>();
  final List<String> parameters;
  private final float[] initialW;
  private final float initialB;

  Nd4jLinearGraph(Problem problem, TrainConfig config) {
    n = problem.n();
    d = problem.d();
    hasBias = config.bias();
    initialW = config.initialWeights(d);
    initialB = config.initialBias(d);
    xData = Nd4j.create(problem.x(), new long[] {n, d}, 'c');
    yData = Nd4j.create(problem.y(), new long[] {n, 1}, 'c');
    placeholders.put(X, xData);
    placeholders.put(Y, yData);

    x = sd.placeHolder(X, DataType.FLOAT, -1, d);
    y = sd.placeHolder(Y, DataType.FLOAT, -1, 1);
    w = sd.var(W, Nd4j.create(initialW, new long[] {d, 1}, 'c'));
    SDVariable xw = x.mmul(w);
    if (hasBias) {
      b = sd.var(B, Nd4j.create(new float[] {initialB}, new long[] {1}, 'c'));
      prediction = xw.add(b);
      parameters = List.of(W, B);
    } else {
      b = null;
      prediction = xw;
      parameters = List.of(W);
    }
  }

  /**
   * Builds the backward graph now, in the constructor, rather than in the first step. SameDiff
   * 1.0.0-M2.1 prints a line to System.out for every op it differentiates ("Added differentiated
   * op ..."), with no switch to turn it off: those lines, and only those, are dropped.
   */
  void createGradFunction() {
    Nd4jRuntime.withoutStdoutLines("Added differentiated op ", sd::createGradFunction);
  }

  /** Overwrites the parameters with the initial values (the library's arrays, in place). */
  void resetParameters() {
    w.getArr().assign(Nd4j.create(initialW, new long[] {d, 1}, 'c'));
    if (hasBias) {
      b.getArr().assign(initialB);
    }
  }

  float[] weights() {
    return w.getArr().toFloatVector();
  }

  float bias() {
    return hasBias ? b.getArr().getFloat(0) : 0f;
  }

  /**
   * SameDiff has no close: the data and parameter arrays are freed here, and the graph's cached
   * intermediates when the collector drops it.
   */
  void close() {
    xData.close();
    yData.close();
    w.getArr().close();
    if (hasBias) {
      b.getArr().close();
    }
  }
}
