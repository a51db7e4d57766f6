package org.sparsecode.lca;

import java.util.List;

/**
 * Dictionaries of n modalities that share one code a: E = 1/2 sum_i ||I_i - Phi_i a||^2 + lambda
 * ||a||_1. This is one LCA problem on the stacked inputs and the stacked dictionary, except that
 * each block Phi_i keeps unit-norm columns on its own. The blocks are held by reference.
 */
public final class LinkedDictionaries {
  private final List<Dictionary> blocks;

  /**
   * @param blocks one dictionary per modality, all with the same number of atoms
   */
  public LinkedDictionaries(List<Dictionary> blocks) {
    if (blocks.isEmpty()) {
      throw new IllegalArgumentException("linked dictionaries need at least one modality");
    }
    int atoms = blocks.get(0).nAtoms();
    for (Dictionary d : blocks) {
      if (d.nAtoms() != atoms) {
        throw new IllegalArgumentException(
            "every modality must have the same number of atoms "
                + "(they share one code), got "
                + atoms
                + " and "
                + d.nAtoms());
      }
    }
    this.blocks = List.copyOf(blocks);
  }

  /**
   * One random unit-norm block per modality; block i has {@code inputsPerModality[i]} rows.
   *
   * @param inputsPerModality rows of each block, n_inputs_i
   * @param nAtoms atoms shared by every block
   * @param seed seed of the draw
   * @return the dictionaries
   */
  public static LinkedDictionaries random(int[] inputsPerModality, int nAtoms, long seed) {
    Dictionary[] blocks = new Dictionary[inputsPerModality.length];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = Dictionary.random(inputsPerModality[i], nAtoms, seed + i);
    }
    return new LinkedDictionaries(List.of(blocks));
  }

  /**
   * Every atom set to one example, normalised in each block: {@code nAtoms} distinct examples drawn
   * with {@code seed} from the row-major {@code inputsPerModality} (all with the same number of
   * rows; block i has {@code inputsPerModality[i].length / rows} inputs). Atoms that start as data
   * correlate with data, so every neuron can take part from the first step.
   *
   * @param inputsPerModality one row-major array per modality
   * @param rows number of examples in each array
   * @param nAtoms atoms shared by every block, &lt;= rows
   * @param seed seed of the draw of examples
   * @return the dictionaries
   */
  public static LinkedDictionaries fromExamples(
      List<float[]> inputsPerModality, int rows, int nAtoms, long seed) {
    if (rows < nAtoms) {
      throw new IllegalArgumentException(
          "need at least as many examples ("
              + rows
              + ") as atoms ("
              + nAtoms
              + ") to start atoms from examples");
    }
    int[] order = java.util.stream.IntStream.range(0, rows).toArray();
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    for (int k = 0; k < nAtoms; k++) { // partial Fisher-Yates: the first nAtoms entries
      int j = k + random.nextInt(rows - k);
      int t = order[k];
      order[k] = order[j];
      order[j] = t;
    }
    Dictionary[] blocks = new Dictionary[inputsPerModality.size()];
    for (int i = 0; i < blocks.length; i++) {
      float[] x = inputsPerModality.get(i);
      if (x.length % rows != 0) {
        throw new IllegalArgumentException(
            "modality "
                + i
                + " has "
                + x.length
                + " values, not a whole number of "
                + rows
                + " rows");
      }
      int width = x.length / rows;
      blocks[i] = new Dictionary(new float[width][nAtoms]);
      for (int j = 0; j < nAtoms; j++) {
        blocks[i].setAtom(
            j, java.util.Arrays.copyOfRange(x, order[j] * width, (order[j] + 1) * width));
      }
    }
    return new LinkedDictionaries(List.of(blocks));
  }

  /**
   * Every atom the mean example plus Gaussian noise, normalised in each block: a class-neutral
   * start, so that what an atom comes to stand for is decided by learning (and, in an ordinal
   * dictionary, by the drivers) rather than by the example it started as. The noise of block i has
   * a standard deviation per value of {@code noise * ||mean_i|| / sqrt(n_inputs_i)}, so its norm is
   * about {@code noise} times the mean's.
   *
   * @param inputsPerModality one row-major array per modality
   * @param rows number of examples in each array
   * @param nAtoms atoms shared by every block
   * @param noise the noise's standard deviation, relative as described above
   * @param seed seed of the noise
   * @return the dictionaries
   */
  public static LinkedDictionaries aroundMean(
      List<float[]> inputsPerModality, int rows, int nAtoms, double noise, long seed) {
    if (rows < 1 || nAtoms < 1 || !(noise >= 0)) {
      throw new IllegalArgumentException(
          "need examples, atoms and noise >= 0, got "
              + rows
              + " examples, "
              + nAtoms
              + " atoms, noise "
              + noise);
    }
    java.util.Random random = new java.util.Random(seed);
    Dictionary[] blocks = new Dictionary[inputsPerModality.size()];
    for (int i = 0; i < blocks.length; i++) {
      float[] x = inputsPerModality.get(i);
      if (x.length % rows != 0) {
        throw new IllegalArgumentException(
            "modality "
                + i
                + " has "
                + x.length
                + " values, not a whole number of "
                + rows
                + " rows");
      }
      int width = x.length / rows;
      double[] mean = new double[width];
      for (int n = 0; n < rows; n++) {
        for (int p = 0; p < width; p++) {
          mean[p] += x[n * width + p];
        }
      }
      double norm = 0;
      for (int p = 0; p < width; p++) {
        mean[p] /= rows;
        norm += mean[p] * mean[p];
      }
      double sd = noise * Math.sqrt(norm / width);
      blocks[i] = new Dictionary(new float[width][nAtoms]);
      float[] atom = new float[width];
      for (int j = 0; j < nAtoms; j++) {
        for (int p = 0; p < width; p++) {
          atom[p] = (float) (mean[p] + sd * random.nextGaussian());
        }
        blocks[i].setAtom(j, atom);
      }
    }
    return new LinkedDictionaries(List.of(blocks));
  }

  /**
   * @return number of modalities (blocks)
   */
  public int modalities() {
    return blocks.size();
  }

  /**
   * @return atoms shared by every block
   */
  public int nAtoms() {
    return blocks.get(0).nAtoms();
  }

  /**
   * @param modality index of the modality
   * @return its dictionary block
   */
  public Dictionary block(int modality) {
    return blocks.get(modality);
  }

  /**
   * @return the blocks stacked into one [sum n_inputs_i][n_atoms] dictionary, for inference (a
   *     copy)
   */
  public float[][] concatenated() {
    float[][] out = new float[totalInputs()][];
    int row = 0;
    for (Dictionary d : blocks) {
      for (float[] r : d.toArray()) {
        out[row++] = r;
      }
    }
    return out;
  }

  /**
   * Each example's modalities stacked into one row: [batch x sum n_inputs_i].
   *
   * @param inputsPerModality per modality, [batch][n_inputs_i]
   * @return [batch][sum n_inputs_i]
   */
  public float[][] stackInputs(List<float[][]> inputsPerModality) {
    checkModalities(inputsPerModality.size());
    int batch = inputsPerModality.get(0).length;
    float[][] out = new float[batch][totalInputs()];
    int offset = 0;
    for (int i = 0; i < blocks.size(); i++) {
      float[][] x = inputsPerModality.get(i);
      if (x.length != batch) {
        throw new IllegalArgumentException(
            "every modality needs the same batch size, got " + batch + " and " + x.length);
      }
      for (int n = 0; n < batch; n++) {
        Dictionary.checkLength(x[n], blocks.get(i).nInputs(), "modality " + i + " input");
        System.arraycopy(x[n], 0, out[n], offset, x[n].length);
      }
      offset += blocks.get(i).nInputs();
    }
    return out;
  }

  /**
   * E = 1/2 sum_i ||I_i - Phi_i a||^2 + lambda ||a||_1 for one example.
   *
   * @param inputsPerModality one input per modality, n_inputs_i values each
   * @param code the shared code, n_atoms values
   * @param lambda the L1 weight
   * @return the energy summed over the modalities
   */
  public double energy(List<float[]> inputsPerModality, float[] code, float lambda) {
    checkModalities(inputsPerModality.size());
    double e = lambda * Dictionary.l1(code);
    for (int i = 0; i < blocks.size(); i++) {
      e += blocks.get(i).squaredError(inputsPerModality.get(i), code);
    }
    return e;
  }

  /**
   * The Hebbian step on the stacked problem (which splits into one step per block, each with its
   * own residual and the shared codes), then every block's columns renormalised on their own.
   *
   * @param inputsPerModality per modality, [batch][n_inputs_i]
   * @param codes the shared codes, [batch][n_atoms]
   * @param eta the Hebbian rate, &gt; 0
   */
  public void hebbianUpdate(List<float[][]> inputsPerModality, float[][] codes, float eta) {
    checkModalities(inputsPerModality.size());
    for (int i = 0; i < blocks.size(); i++) {
      blocks.get(i).hebbianUpdate(inputsPerModality.get(i), codes, eta);
    }
  }

  /**
   * Atoms never active in {@code codes} (shared by every block).
   *
   * @param codes [batch][n_atoms]
   * @return the dead atoms' indices, ascending
   */
  public int[] deadAtoms(float[][] codes) {
    return blocks.get(0).deadAtoms(codes);
  }

  /**
   * As {@link Dictionary#reinitialiseDead}, with the error summed over the modalities: each dead
   * atom takes, in every block, that block's (normalised) input of one badly reconstructed example.
   *
   * @param inputsPerModality per modality, [batch][n_inputs_i]
   * @param codes the shared codes, [batch][n_atoms]
   * @return the atoms replaced, ascending
   */
  public int[] reinitialiseDead(List<float[][]> inputsPerModality, float[][] codes) {
    return reinitialise(deadAtoms(codes), inputsPerModality, codes);
  }

  /**
   * As {@link #reinitialiseDead}, for the given {@code atoms}. Returns the atoms replaced.
   *
   * @param atoms the atoms to replace
   * @param inputsPerModality per modality, [batch][n_inputs_i]
   * @param codes the shared codes, [batch][n_atoms]
   * @return the atoms replaced
   */
  public int[] reinitialise(int[] atoms, List<float[][]> inputsPerModality, float[][] codes) {
    float[][] stacked = stackInputs(inputsPerModality);
    if (stacked.length != codes.length) {
      throw new IllegalArgumentException(
          "need one code per example, got "
              + stacked.length
              + " examples and "
              + codes.length
              + " codes");
    }
    for (int atom : atoms) {
      if (atom < 0 || atom >= nAtoms()) {
        throw new IllegalArgumentException("atom " + atom + " is outside 0.." + (nAtoms() - 1));
      }
    }
    List<Integer> order =
        Dictionary.worstFirst(
            n -> {
              double e = 0;
              for (int i = 0; i < blocks.size(); i++) {
                e += blocks.get(i).squaredError(inputsPerModality.get(i)[n], codes[n]);
              }
              return e;
            },
            codes.length);
    order.removeIf(n -> Dictionary.l1(stacked[n]) == 0);
    if (atoms.length == 0 || order.isEmpty()) {
      return new int[0];
    }
    for (int k = 0; k < atoms.length; k++) {
      int n = order.get(k % order.size());
      for (int i = 0; i < blocks.size(); i++) {
        blocks.get(i).setAtom(atoms[k], inputsPerModality.get(i)[n]);
      }
    }
    return atoms.clone();
  }

  private int totalInputs() {
    return blocks.stream().mapToInt(Dictionary::nInputs).sum();
  }

  private void checkModalities(int given) {
    if (given != blocks.size()) {
      throw new IllegalArgumentException(
          "expected one entry per modality (" + blocks.size() + "), got " + given);
    }
  }
}
