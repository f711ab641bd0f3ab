package gdbench.core;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularMatrixException;

/**
 * The least-squares optimum in closed form, the oracle for convergence: it solves the normal
 * equations [X 1]ᵀ[X 1]·θ = [X 1]ᵀy in double precision (the column of ones only with a bias).
 *
 * @param weights optimal weights
 * @param bias optimal bias (0 without a bias term)
 * @param loss the mean squared error at the optimum, the lowest loss gradient descent can reach
 */
public record Optimum(double[] weights, double bias, double loss) {

  public static Optimum of(Problem p, boolean withBias) {
    int d = p.d();
    int k = d + (withBias ? 1 : 0);
    double[][] a = new double[k][k];
    double[] rhs = new double[k];
    float[] x = p.x();
    float[] y = p.y();
    double[] row = new double[k];
    for (int i = 0; i < p.n(); i++) {
      for (int j = 0; j < d; j++) {
        row[j] = x[i * d + j];
      }
      if (withBias) {
        row[d] = 1;
      }
      for (int r = 0; r < k; r++) {
        rhs[r] += row[r] * y[i];
        for (int c = r; c < k; c++) {
          a[r][c] += row[r] * row[c];
        }
      }
    }
    for (int r = 0; r < k; r++) {
      for (int c = 0; c < r; c++) {
        a[r][c] = a[c][r];
      }
    }
    RealVector theta;
    try {
      theta = new QRDecomposition(new Array2DRowRealMatrix(a, false), 1e-12).getSolver().solve(new ArrayRealVector(rhs, false));
    } catch (SingularMatrixException e) {
      throw new GdbenchException(p.name() + ": the least-squares optimum is not unique (features are linearly dependent)");
    }
    double[] w = new double[d];
    for (int j = 0; j < d; j++) {
      w[j] = theta.getEntry(j);
    }
    double b = withBias ? theta.getEntry(d) : 0;
    return new Optimum(w, b, p.mse(w, b));
  }

  /** Euclidean distance from (w, b) to the optimum, over the weights and, if present, the bias. */
  public double distance(float[] w, float b, boolean withBias) {
    double s = 0;
    for (int j = 0; j < weights.length; j++) {
      double diff = w[j] - weights[j];
      s += diff * diff;
    }
    if (withBias) {
      s += (b - bias) * (b - bias);
    }
    return Math.sqrt(s);
  }
}
