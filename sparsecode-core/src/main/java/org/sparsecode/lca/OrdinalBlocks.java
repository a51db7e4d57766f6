package org.sparsecode.lca;

/**
 * The class blocks of an ordinal-linked dictionary: neurons {@code k * blockSize} to {@code (k + 1)
 * * blockSize - 1} belong to class k (0-24 for 0s, 25-49 for 1s, ... with blocks of 25); the
 * neurons after the last block belong to no class. The driver of an example of class k is a vector
 * over the neurons with {@code amplitude} on class k's block and zeros elsewhere.
 */
public record OrdinalBlocks(int nAtoms, int classes, int blockSize) {

  /**
   * Checks the block sizes.
   *
   * @param nAtoms neurons in the dictionary
   * @param classes number of classes, &gt;= 1
   * @param blockSize neurons per class block, &gt;= 1; {@code classes * blockSize <= nAtoms}
   */
  public OrdinalBlocks {
    if (classes < 1 || blockSize < 1) {
      throw new IllegalArgumentException(
          "need at least one class and blocks of at least one neuron, got "
              + classes
              + " classes of "
              + blockSize);
    }
    if ((long) classes * blockSize > nAtoms) {
      throw new IllegalArgumentException(
          classes
              + " blocks of "
              + blockSize
              + " neurons need "
              + classes * blockSize
              + " neurons, but there are "
              + nAtoms
              + "; use more neurons or smaller blocks");
    }
  }

  /**
   * The document's layout: 10 classes, blocks of 25 (250 of the neurons).
   *
   * @param nAtoms neurons in the dictionary, &gt;= 250
   * @return the layout
   */
  public static OrdinalBlocks document(int nAtoms) {
    return new OrdinalBlocks(nAtoms, 10, 25);
  }

  /**
   * The class whose block holds {@code neuron}, or -1 for a neuron in no block.
   *
   * @param neuron a neuron in [0, nAtoms)
   * @return its class, or -1
   */
  public int classOf(int neuron) {
    if (neuron < 0 || neuron >= nAtoms) {
      throw new IllegalArgumentException("neuron " + neuron + " is outside 0.." + (nAtoms - 1));
    }
    int k = neuron / blockSize;
    return k < classes ? k : -1;
  }

  /**
   * The driver of one example of class {@code label}: {@code amplitude} on its block.
   *
   * @param label the example's class, in [0, classes)
   * @param amplitude the value on the class's block
   * @return nAtoms values
   */
  public float[] driver(int label, float amplitude) {
    float[] d = new float[nAtoms];
    fill(d, 0, label, amplitude);
    return d;
  }

  /**
   * The drivers of {@code labels}, row-major [labels.length x n_atoms].
   *
   * @param labels the examples' classes
   * @param amplitude the value on each class's block
   * @return row-major [labels.length, nAtoms]
   */
  public float[] drivers(int[] labels, float amplitude) {
    float[] d = new float[labels.length * nAtoms];
    for (int n = 0; n < labels.length; n++) {
      fill(d, n * nAtoms, labels[n], amplitude);
    }
    return d;
  }

  /**
   * Block purity of codes [labels.length x n_atoms] (row-major): for each class, the share of its
   * examples' activation mass (sum of |a|) that lies in its own block. Entry {@code classes} is the
   * mean over the classes that have mass (NaN for a class with no examples or no activity).
   *
   * @param codes row-major [labels.length, nAtoms]
   * @param labels each example's class
   * @return classes + 1 values: each class's purity, then their mean
   */
  public double[] purity(float[] codes, int[] labels) {
    if (codes.length != (long) labels.length * nAtoms) {
      throw new IllegalArgumentException(
          "codes have " + codes.length + " values, not " + labels.length + " rows of " + nAtoms);
    }
    double[] own = new double[classes];
    double[] total = new double[classes];
    for (int n = 0; n < labels.length; n++) {
      int label = checkLabel(labels[n]);
      int start = label * blockSize;
      for (int j = 0; j < nAtoms; j++) {
        double mass = Math.abs(codes[n * nAtoms + j]);
        total[label] += mass;
        if (j >= start && j < start + blockSize) {
          own[label] += mass;
        }
      }
    }
    double[] out = new double[classes + 1];
    double sum = 0;
    int counted = 0;
    for (int k = 0; k < classes; k++) {
      out[k] = total[k] > 0 ? own[k] / total[k] : Double.NaN;
      if (total[k] > 0) {
        sum += out[k];
        counted++;
      }
    }
    out[classes] = counted > 0 ? sum / counted : Double.NaN;
    return out;
  }

  private void fill(float[] d, int offset, int label, float amplitude) {
    int start = offset + checkLabel(label) * blockSize;
    for (int j = 0; j < blockSize; j++) {
      d[start + j] = amplitude;
    }
  }

  private int checkLabel(int label) {
    if (label < 0 || label >= classes) {
      throw new IllegalArgumentException(
          "label " + label + " has no block; labels must be 0.." + (classes - 1));
    }
    return label;
  }
}
