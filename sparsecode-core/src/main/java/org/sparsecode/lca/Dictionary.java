package org.sparsecode.lca;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * A sparse coding dictionary Phi [n_inputs x n_atoms] held in Java, with Hebbian learning. Atoms
 * are columns and are kept at unit L2 norm, except that an all-zero column stays zero: it can never
 * become active, so {@link #deadAtoms} reports it and {@link #reinitialiseDead} replaces it.
 * Learning needs no gradients, so plain loops (O(batch x inputs x atoms)) are enough here.
 */
public final class Dictionary {
  private final float[][] phi;

  /**
   * A copy of {@code phi} [n_inputs x n_atoms], used as given (call {@link #normaliseColumns}).
   *
   * @param phi [n_inputs][n_atoms]; copied
   */
  public Dictionary(float[][] phi) {
    Lca.columns(phi, "dictionary");
    this.phi = copy(phi);
  }

  /**
   * Standard normal entries from {@code seed}, then every column scaled to unit norm.
   *
   * @param nInputs rows of Phi, the input width
   * @param nAtoms columns of Phi, the code width
   * @param seed seed of the draw
   * @return a dictionary with unit-norm columns
   */
  public static Dictionary random(int nInputs, int nAtoms, long seed) {
    if (nInputs <= 0 || nAtoms <= 0) {
      throw new IllegalArgumentException(
          "a dictionary needs n_inputs > 0 and n_atoms > 0, got " + nInputs + " x " + nAtoms);
    }
    Random rnd = new Random(seed); // java.util.Random: the same numbers on every JDK
    float[][] phi = new float[nInputs][nAtoms];
    for (float[] row : phi) {
      for (int j = 0; j < nAtoms; j++) {
        row[j] = (float) rnd.nextGaussian();
      }
    }
    Dictionary d = new Dictionary(phi);
    d.normaliseColumns();
    return d;
  }

  /**
   * @return input width (rows)
   */
  public int nInputs() {
    return phi.length;
  }

  /**
   * @return number of atoms (columns)
   */
  public int nAtoms() {
    return phi[0].length;
  }

  /**
   * @param input row (input index)
   * @param atom column (atom index)
   * @return the dictionary entry
   */
  public float get(int input, int atom) {
    return phi[input][atom];
  }

  /**
   * @return a copy of Phi, [n_inputs][n_atoms]
   */
  public float[][] toArray() {
    return copy(phi);
  }

  /**
   * Phi a for one code. Zero coefficients are skipped: sparse codes make this cheap.
   *
   * @param code one code of n_atoms values
   * @return the reconstruction, n_inputs values
   */
  public float[] reconstruct(float[] code) {
    checkLength(code, nAtoms(), "code");
    int[] active = nonZero(code);
    float[] out = new float[nInputs()];
    for (int i = 0; i < out.length; i++) {
      float[] row = phi[i];
      double s = 0;
      for (int j : active) {
        s += (double) row[j] * code[j];
      }
      out[i] = (float) s;
    }
    return out;
  }

  /**
   * 1/2 ||I - Phi a||^2, the data term of the energy.
   *
   * @param input one input of n_inputs values
   * @param code its code, n_atoms values
   * @return half the squared Euclidean error of the reconstruction
   */
  public double squaredError(float[] input, float[] code) {
    checkLength(input, nInputs(), "input");
    float[] rec = reconstruct(code);
    double s = 0;
    for (int i = 0; i < rec.length; i++) {
      double r = input[i] - rec[i];
      s += r * r;
    }
    return 0.5 * s;
  }

  /**
   * E = 1/2 ||I - Phi a||^2 + lambda ||a||_1.
   *
   * @param input one input of n_inputs values
   * @param code its code, n_atoms values
   * @param lambda the L1 weight, as in {@link LcaConfig#lambda()}
   * @return the LCA energy of {@code code}
   */
  public double energy(float[] input, float[] code, float lambda) {
    return squaredError(input, code) + lambda * l1(code);
  }

  /** Scales every column to unit L2 norm; an all-zero column is left at zero. */
  public void normaliseColumns() {
    for (int j = 0; j < nAtoms(); j++) {
      double norm = 0;
      for (float[] row : phi) {
        norm += (double) row[j] * row[j];
      }
      if (norm > 0) {
        float scale = (float) (1 / Math.sqrt(norm));
        for (float[] row : phi) {
          row[j] *= scale;
        }
      }
    }
  }

  /**
   * One Hebbian step, Phi &lt;- Phi + eta (1/batch) sum_n (x_n - Phi a_n) a_n^T, then every column
   * renormalised. Inputs [batch x n_inputs] and codes [batch x n_atoms] are rows.
   *
   * @param inputs [batch][n_inputs]
   * @param codes [batch][n_atoms], inferred with the current Phi
   * @param eta the Hebbian rate, &gt; 0
   */
  public void hebbianUpdate(float[][] inputs, float[][] codes, float eta) {
    addHebbian(inputs, codes, eta);
    normaliseColumns();
  }

  /** The Hebbian step without the renormalisation (linked dictionaries normalise per block). */
  void addHebbian(float[][] inputs, float[][] codes, float eta) {
    checkBatch(inputs, codes);
    // Every residual comes from the dictionary before this step.
    float[][] residuals = new float[inputs.length][];
    for (int n = 0; n < inputs.length; n++) {
      float[] rec = reconstruct(codes[n]);
      residuals[n] = new float[nInputs()];
      for (int i = 0; i < rec.length; i++) {
        residuals[n][i] = inputs[n][i] - rec[i];
      }
    }
    // The sums run over the examples in order, as a dense loop would; zero terms are skipped.
    double[][] sums = new double[nInputs()][nAtoms()];
    boolean[] touched = new boolean[nAtoms()];
    for (int n = 0; n < inputs.length; n++) {
      int[] active = nonZero(codes[n]);
      for (int i = 0; i < nInputs(); i++) {
        double r = residuals[n][i];
        double[] row = sums[i];
        for (int j : active) {
          row[j] += r * codes[n][j];
        }
      }
      for (int j : active) {
        touched[j] = true;
      }
    }
    double scale = (double) eta / inputs.length;
    for (int i = 0; i < nInputs(); i++) {
      for (int j = 0; j < nAtoms(); j++) {
        if (touched[j]) {
          phi[i][j] += (float) (scale * sums[i][j]);
        }
      }
    }
  }

  /**
   * The atoms whose coefficient is zero in every one of {@code codes} [batch x n_atoms].
   *
   * @param codes [batch][n_atoms]
   * @return the dead atoms' indices, ascending
   */
  public int[] deadAtoms(float[][] codes) {
    for (float[] code : codes) {
      checkLength(code, nAtoms(), "code");
    }
    return IntStream.range(0, nAtoms())
        .filter(j -> Arrays.stream(codes).allMatch(code -> code[j] == 0))
        .toArray();
  }

  /**
   * Replaces each dead atom (never active in {@code codes}) with a normalised input: the worst
   * reconstructed input of the batch goes to the first dead atom, the next worst to the second, and
   * so on, cycling through the batch when there are more dead atoms than inputs. All-zero inputs
   * are skipped (they cannot make a unit atom). Errors use the dictionary before any replacement.
   * Returns the atoms replaced.
   *
   * @param inputs [batch][n_inputs]
   * @param codes their codes, [batch][n_atoms]
   * @return the atoms replaced, ascending
   */
  public int[] reinitialiseDead(float[][] inputs, float[][] codes) {
    checkBatch(inputs, codes);
    return reinitialise(deadAtoms(codes), inputs, codes);
  }

  /**
   * As {@link #reinitialiseDead}, for the given {@code atoms} (for example those never active over
   * many batches). Returns the atoms replaced: none when every input is zero.
   *
   * @param atoms the atoms to replace
   * @param inputs [batch][n_inputs]
   * @param codes their codes, [batch][n_atoms]
   * @return the atoms replaced
   */
  public int[] reinitialise(int[] atoms, float[][] inputs, float[][] codes) {
    checkBatch(inputs, codes);
    for (int atom : atoms) {
      if (atom < 0 || atom >= nAtoms()) {
        throw new IllegalArgumentException("atom " + atom + " is outside 0.." + (nAtoms() - 1));
      }
    }
    List<Integer> order = worstFirst(n -> squaredError(inputs[n], codes[n]), inputs.length);
    order.removeIf(n -> l1(inputs[n]) == 0);
    if (atoms.length == 0 || order.isEmpty()) {
      return new int[0];
    }
    for (int k = 0; k < atoms.length; k++) {
      setAtom(atoms[k], inputs[order.get(k % order.size())]);
    }
    return atoms.clone();
  }

  /**
   * Sets column {@code atom} to {@code values} scaled to unit norm (zero stays zero).
   *
   * @param atom the column, in [0, n_atoms)
   * @param values n_inputs values
   */
  public void setAtom(int atom, float[] values) {
    checkLength(values, nInputs(), "atom values");
    double norm = 0;
    for (float v : values) {
      norm += (double) v * v;
    }
    double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (int i = 0; i < nInputs(); i++) {
      phi[i][atom] = (float) (values[i] * scale);
    }
  }

  /** Example indices sorted by decreasing error (ties: lower index first). */
  static List<Integer> worstFirst(java.util.function.IntToDoubleFunction error, int batch) {
    double[] e = new double[batch];
    for (int n = 0; n < batch; n++) {
      e[n] = error.applyAsDouble(n);
    }
    List<Integer> order = new ArrayList<>(IntStream.range(0, batch).boxed().toList());
    order.sort(Comparator.comparingDouble((Integer n) -> -e[n]));
    return order;
  }

  /** Indices of the non-zero entries, ascending. */
  static int[] nonZero(float[] v) {
    int count = 0;
    for (float x : v) {
      count += x != 0 ? 1 : 0;
    }
    int[] out = new int[count];
    for (int j = 0, k = 0; j < v.length; j++) {
      if (v[j] != 0) {
        out[k++] = j;
      }
    }
    return out;
  }

  static double l1(float[] v) {
    double s = 0;
    for (float x : v) {
      s += Math.abs(x);
    }
    return s;
  }

  private void checkBatch(float[][] inputs, float[][] codes) {
    if (inputs.length != codes.length || inputs.length == 0) {
      throw new IllegalArgumentException(
          "need one code per input and a non-empty batch, got "
              + inputs.length
              + " inputs and "
              + codes.length
              + " codes");
    }
    for (int n = 0; n < inputs.length; n++) {
      checkLength(inputs[n], nInputs(), "input");
      checkLength(codes[n], nAtoms(), "code");
    }
  }

  static void checkLength(float[] v, int expected, String name) {
    if (v.length != expected) {
      throw new IllegalArgumentException(
          name + " has " + v.length + " values, the dictionary needs " + expected);
    }
  }

  private static float[][] copy(float[][] m) {
    float[][] out = new float[m.length][];
    for (int i = 0; i < m.length; i++) {
      out[i] = m[i].clone();
    }
    return out;
  }
}
