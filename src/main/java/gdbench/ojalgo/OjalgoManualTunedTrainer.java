package gdbench.ojalgo;

import gdbench.core.GradientRule;
import gdbench.core.Problem;
import gdbench.core.TrainConfig;
import gdbench.core.Trainer;
import java.util.Arrays;
import org.ojalgo.function.UnaryFunction;
import org.ojalgo.function.aggregator.AggregatorFunction;
import org.ojalgo.function.aggregator.PrimitiveAggregator;
import org.ojalgo.function.constant.PrimitiveMath;
import org.ojalgo.matrix.store.R032Store;

/**
 * The manual stage with ojAlgo's mutable float32 stores: every store preallocated, each operation
 * writing into one ({@code fillByMultiplying}, {@code fillMatching}, {@code modifyAll},
 * {@code axpy}), the functions they apply built once, and for each quantity the store call that
 * measured fastest for its shape:
 * <ul>
 *   <li>With a bias, X carries a column of ones and the bias is its weight (the design matrix with
 *       an intercept column), so one product gives X·w + b and one gives both gradients.
 *   <li>The gradient is rᵀ·X, a 1×N times N×K product that ojAlgo runs as one unrolled dot product
 *       per column of X (its stores are column-major); rᵀ is the residual's own array seen as one
 *       row. Xᵀ·r, and any product with a 1×1 result, runs one AXPY per sample instead: many
 *       times slower at large N.
 *   <li>The loss: ojAlgo's sum-of-squares aggregator visiting the residual, kept and reset rather
 *       than asked for through {@code aggregateAll}, which boxes its result; the store's
 *       {@code dot} iterates through element views and allocates.
 * </ul>
 */
final class OjalgoManualTunedTrainer implements Trainer {
  private final R032Store x;          // N×K, column-major; K = D, plus a column of ones with a bias
  private final R032Store y;          // N×1
  private final R032Store theta;      // K×1: the weights, then the bias
  private final R032Store yHat;       // N×1
  private final R032Store residual;   // N×1
  private final R032Store residualT;  // 1×N, the same array as residual
  private final R032Store gradient;   // 1×K
  private final UnaryFunction<Double> scaleGradient;
  private final AggregatorFunction<Double> sumOfSquares = PrimitiveAggregator.getSet().sum2();
  private final float[] initial;
  private final boolean hasBias;
  private final float lr;
  private final int n;
  private final int d;

  OjalgoManualTunedTrainer(Problem p, TrainConfig c) {
    n = p.n();
    d = p.d();
    hasBias = c.bias();
    int k = hasBias ? d + 1 : d;
    x = R032Store.FACTORY.make(n, k);
    float[] rowMajor = p.x();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x.data[j * n + i] = rowMajor[i * d + j];
      }
    }
    if (hasBias) {
      Arrays.fill(x.data, d * n, k * n, 1f);
    }
    y = R032Store.wrap(p.y().clone());
    theta = R032Store.FACTORY.make(k, 1);
    yHat = R032Store.FACTORY.make(n, 1);
    float[] r = new float[n];
    residual = R032Store.wrap(r, n);
    residualT = R032Store.wrap(r, 1);
    gradient = R032Store.FACTORY.make(1, k);
    initial = Arrays.copyOf(c.initialWeights(d), k);
    if (hasBias) {
      initial[d] = c.initialBias(d);
    }
    lr = c.lr();
    scaleGradient = PrimitiveMath.MULTIPLY.second(c.rule() == GradientRule.MEAN ? 2f / n : 2f);
    reset();
  }

  @Override
  public float step() {
    yHat.fillByMultiplying(x, theta);                              // y_pred = X·w (+ b)
    residual.fillMatching(yHat, PrimitiveMath.SUBTRACT, y);        // r = y_pred - y
    residual.visitAll(sumOfSquares.reset());                       // mean(r**2)
    float loss = (float) (sumOfSquares.doubleValue() / n);
    gradient.fillByMultiplying(residualT, x);                      // rᵀX = (Xᵀr)ᵀ, and Σr with a bias
    gradient.modifyAll(scaleGradient);                             // · 2/N
    gradient.axpy(-lr, theta);                                     // w -= lr * dw, b -= lr * db
    return loss;
  }

  @Override
  public float[] weights() {
    return Arrays.copyOf(theta.data, d);
  }

  @Override
  public float bias() {
    return hasBias ? theta.data[d] : 0f;
  }

  @Override
  public float[] gradient() {
    return Arrays.copyOf(gradient.data, d);
  }

  @Override
  public float biasGradient() {
    return hasBias ? gradient.data[d] : Float.NaN;
  }

  @Override
  public void reset() {
    System.arraycopy(initial, 0, theta.data, 0, initial.length);
  }
}
