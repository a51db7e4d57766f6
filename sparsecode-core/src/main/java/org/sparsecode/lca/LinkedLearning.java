package org.sparsecode.lca;

import java.util.ArrayList;
import java.util.List;
import org.sparsecode.data.BatchSampler;
import org.sparsecode.runtime.ThreadSettings;

/**
 * Dictionary learning for linked dictionaries (one modality is a plain dictionary): each step draws
 * a batch, infers the shared codes by LCA on all modalities at once, then takes one Hebbian step on
 * every block. Every {@code deadWindow} steps, the atoms that were active on no example of the
 * window are re-initialised from the worst-reconstructed examples of the current batch, one example
 * each (further dead atoms wait for the next window).
 *
 * <p>An ordinal {@link Drive} pushes each example's class block of neurons while learning, in one
 * of two readings of the document: as a third linked modality whose input is the driver vector and
 * whose dictionary is the identity, held fixed (its row i speaks to neuron i, which is what ties
 * blocks to classes; learning it would let the Hebbian rule undo that), or as a current added to
 * the drive b ({@link Lca#buildDriven}). Either way the driver is used only while learning.
 */
public final class LinkedLearning {
  private LinkedLearning() {}

  /**
   * How to learn.
   *
   * @param lca inference settings
   * @param eta Hebbian rate
   * @param batch examples per step
   * @param steps Hebbian steps
   * @param deadWindow steps over which an atom must be active once to count as alive
   * @param seed the order in which examples are drawn
   */
  public record Config(LcaConfig lca, float eta, int batch, int steps, int deadWindow, long seed) {
    /**
     * Checks every setting, with the fix in the message.
     *
     * @param lca inference settings
     * @param eta Hebbian rate, finite and &gt; 0
     * @param batch examples per step, &gt;= 1
     * @param steps Hebbian steps, &gt;= 1
     * @param deadWindow steps per dead-atom window, &gt;= 1
     * @param seed seed of the example order
     */
    public Config {
      if (!(eta > 0) || Float.isInfinite(eta)) {
        throw new IllegalArgumentException(
            "eta must be a finite number > 0 (try 0.01 .. 0.1), got " + eta);
      }
      if (batch < 1 || steps < 1 || deadWindow < 1) {
        throw new IllegalArgumentException(
            "batch, steps and dead_window must be >= 1, got batch "
                + batch
                + ", steps "
                + steps
                + ", dead_window "
                + deadWindow);
      }
    }
  }

  /** The two readings of the ordinal drivers, and no driver. */
  public enum DriveKind {
    /** No current added to the drive. */
    NONE,
    /** A third modality: input the driver vector, dictionary the identity (fixed). */
    MODALITY,
    /** A current added to the drive b. */
    CURRENT
  }

  /** Which driver pushes each example's class block, and how strongly. */
  public record Drive(DriveKind kind, OrdinalBlocks blocks, float amplitude) {
    /** No drive: plain inference. */
    public static final Drive NONE = new Drive(DriveKind.NONE, null, 0);

    /**
     * Checks that the drive's settings agree with its kind.
     *
     * @param kind none, modality or current
     * @param blocks the class blocks; may be null only for {@link DriveKind#NONE}
     * @param amplitude the driver's value on an example's class block
     */
    public Drive {
      if (kind != DriveKind.NONE && blocks == null) {
        throw new IllegalArgumentException("an ordinal drive needs its class blocks");
      }
    }
  }

  /** Hears about each step: the batch's mean energy with the codes found. Must be cheap. */
  @FunctionalInterface
  public interface StepListener {
    /**
     * Called after every learning step.
     *
     * @param step the step number (1-based)
     * @param meanEnergy the batch's mean LCA energy
     */
    void onStep(int step, double meanEnergy);

    /**
     * After every {@code deadWindow} steps, once that step's update is done: the window's averages,
     * with the dictionaries as they now are (to read, not to change).
     *
     * @param window the window's averages
     * @param dictionaries the dictionaries after the window's last update
     */
    default void onWindow(Window window, LinkedDictionaries dictionaries) {}

    /** A listener that ignores every step. */
    StepListener NONE = (step, energy) -> {};
  }

  /**
   * Averages over one window of {@code deadWindow} steps, for a learning curve.
   *
   * @param step the window's last step
   * @param meanEnergy mean over examples of E (all modalities and the driver modality if any)
   * @param meanL0 active atoms per example
   * @param meanSquaredError per modality, ||x - Phi a||^2 / n_inputs
   * @param dictionaryChange ||Phi_now - Phi_window_start||_F / ||Phi_window_start||_F over all
   *     learned blocks: how far the dictionary moved in this window
   * @param deadAtoms atoms active on no example of the window (re-initialised at its end)
   */
  public record Window(
      int step,
      double meanEnergy,
      double meanL0,
      double[] meanSquaredError,
      double dictionaryChange,
      int deadAtoms) {}

  /**
   * What learning ended with, averaged over the last window of steps (codes from all modalities,
   * before each step's update).
   *
   * @param meanL0 active atoms per example
   * @param meanSquaredError per modality, ||x - Phi a||^2 / n_inputs
   * @param reinitialised atoms re-initialised in all
   */
  public record Result(double meanL0, double[] meanSquaredError, int reinitialised) {}

  /**
   * Learns {@code dictionaries} in place.
   *
   * @param dictionaries learned in place
   * @param inputs one row-major array per modality, all with {@code labels.length} rows
   * @param labels class of each example (only read by an ordinal drive)
   * @param drive the ordinal driver, or {@link Drive#NONE}
   * @param config rates, batch, steps, dead window and seed
   * @param threads the inference session's thread pools
   * @param listener told of every step and window
   * @return averages over the last window
   */
  public static Result learn(
      LinkedDictionaries dictionaries,
      List<float[]> inputs,
      int[] labels,
      Drive drive,
      Config config,
      ThreadSettings threads,
      StepListener listener) {
    int modalities = dictionaries.modalities();
    int nAtoms = dictionaries.nAtoms();
    int examples = labels.length;
    if (inputs.size() != modalities) {
      throw new IllegalArgumentException(
          "expected one input array per modality (" + modalities + "), got " + inputs.size());
    }
    int[] widths = new int[modalities];
    int stackedWidth = 0;
    for (int m = 0; m < modalities; m++) {
      widths[m] = dictionaries.block(m).nInputs();
      if (inputs.get(m).length != (long) examples * widths[m]) {
        throw new IllegalArgumentException(
            "modality "
                + m
                + " has "
                + inputs.get(m).length
                + " values, not "
                + examples
                + " rows of "
                + widths[m]);
      }
      stackedWidth += widths[m];
    }
    if (drive.kind() != DriveKind.NONE && drive.blocks().nAtoms() != nAtoms) {
      throw new IllegalArgumentException(
          "the class blocks are laid out over "
              + drive.blocks().nAtoms()
              + " neurons, the dictionaries have "
              + nAtoms);
    }
    boolean driverModality = drive.kind() == DriveKind.MODALITY;
    int inferenceWidth = stackedWidth + (driverModality ? nAtoms : 0);
    int batch = config.batch();
    BatchSampler sampler = new BatchSampler(examples, config.seed());
    int[] activity = new int[nAtoms];
    int window = Math.min(config.deadWindow(), config.steps());
    double l0Sum = 0;
    double[] errorSum = new double[modalities];
    int reinitialised = 0;
    double windowEnergy = 0, windowL0 = 0;
    double[] windowError = new double[modalities];
    float[][] windowStart = dictionaries.concatenated();
    try (CodeInference inference =
        new CodeInference(
            inferenceWidth, nAtoms, config.lca(), drive.kind() == DriveKind.CURRENT, threads)) {
      int[] index = new int[batch];
      for (int step = 1; step <= config.steps(); step++) {
        sampler.nextBatch(index);
        List<float[][]> rows = new ArrayList<>();
        float[] stacked = new float[batch * inferenceWidth];
        int offset = 0;
        for (int m = 0; m < modalities; m++) {
          float[][] x = gather(inputs.get(m), widths[m], index);
          rows.add(x);
          for (int n = 0; n < batch; n++) {
            System.arraycopy(x[n], 0, stacked, n * inferenceWidth + offset, widths[m]);
          }
          offset += widths[m];
        }
        int[] batchLabels = new int[batch];
        for (int n = 0; n < batch; n++) {
          batchLabels[n] = labels[index[n]];
        }
        float[][] phi = dictionaries.concatenated();
        float[] currents = null;
        if (driverModality) {
          float[] drivers = drive.blocks().drivers(batchLabels, drive.amplitude());
          for (int n = 0; n < batch; n++) {
            System.arraycopy(drivers, n * nAtoms, stacked, n * inferenceWidth + offset, nAtoms);
          }
          phi = withIdentity(phi, nAtoms);
        } else if (drive.kind() == DriveKind.CURRENT) {
          currents = drive.blocks().drivers(batchLabels, drive.amplitude());
        }
        float[][] codes = rowsOf(inference.codes(stacked, batch, phi, currents, batch), nAtoms);

        double energy = 0;
        boolean lastWindow = step > config.steps() - window;
        for (int m = 0; m < modalities; m++) {
          double sq = 0;
          for (int n = 0; n < batch; n++) {
            sq += dictionaries.block(m).squaredError(rows.get(m)[n], codes[n]);
          }
          energy += sq / batch;
          if (lastWindow) {
            errorSum[m] += 2 * sq / batch / widths[m];
          }
          windowError[m] += 2 * sq / batch / widths[m];
        }
        double l1 = 0, l0 = 0;
        for (float[] code : codes) {
          for (int j = 0; j < nAtoms; j++) {
            l1 += Math.abs(code[j]);
            if (code[j] != 0) {
              l0++;
              activity[j]++;
            }
          }
        }
        if (lastWindow) {
          l0Sum += l0 / batch;
        }
        double meanEnergy = energy + config.lca().lambda() * l1 / batch;
        listener.onStep(step, meanEnergy);
        windowEnergy += meanEnergy;
        windowL0 += l0 / batch;

        int deadInWindow = -1;
        if (step % config.deadWindow() == 0) {
          deadInWindow = (int) java.util.Arrays.stream(activity).filter(c -> c == 0).count();
          // At most one atom per example of the batch: two atoms started from the same example
          // would
          // get the same updates forever.
          int[] dead =
              java.util.stream.IntStream.range(0, nAtoms)
                  .filter(j -> activity[j] == 0)
                  .limit(batch)
                  .toArray();
          reinitialised += dictionaries.reinitialise(dead, rows, codes).length;
          java.util.Arrays.fill(activity, 0);
        }
        dictionaries.hebbianUpdate(rows, codes, config.eta());
        if (deadInWindow >= 0) {
          int n = config.deadWindow();
          float[][] now = dictionaries.concatenated();
          double[] errors = new double[modalities];
          for (int m = 0; m < modalities; m++) {
            errors[m] = windowError[m] / n;
          }
          listener.onWindow(
              new Window(
                  step,
                  windowEnergy / n,
                  windowL0 / n,
                  errors,
                  relativeChange(windowStart, now),
                  deadInWindow),
              dictionaries);
          windowStart = now;
          windowEnergy = 0;
          windowL0 = 0;
          java.util.Arrays.fill(windowError, 0);
        }
      }
    }
    double[] errors = new double[modalities];
    for (int m = 0; m < modalities; m++) {
      errors[m] = errorSum[m] / window;
    }
    return new Result(l0Sum / window, errors, reinitialised);
  }

  /** ||b - a||_F / ||a||_F (0 when a is zero). */
  static double relativeChange(float[][] a, float[][] b) {
    double diff = 0, norm = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = 0; j < a[i].length; j++) {
        double d = (double) b[i][j] - a[i][j];
        diff += d * d;
        norm += (double) a[i][j] * a[i][j];
      }
    }
    return norm == 0 ? 0 : Math.sqrt(diff / norm);
  }

  /** The stacked dictionary with an identity block below it: the fixed driver modality. */
  static float[][] withIdentity(float[][] phi, int nAtoms) {
    float[][] out = new float[phi.length + nAtoms][];
    System.arraycopy(phi, 0, out, 0, phi.length);
    for (int j = 0; j < nAtoms; j++) {
      out[phi.length + j] = new float[nAtoms];
      out[phi.length + j][j] = 1;
    }
    return out;
  }

  static float[][] gather(float[] rowMajor, int width, int[] index) {
    float[][] out = new float[index.length][width];
    for (int n = 0; n < index.length; n++) {
      System.arraycopy(rowMajor, index[n] * width, out[n], 0, width);
    }
    return out;
  }

  static float[][] rowsOf(float[] rowMajor, int width) {
    float[][] out = new float[rowMajor.length / width][width];
    for (int n = 0; n < out.length; n++) {
      System.arraycopy(rowMajor, n * width, out[n], 0, width);
    }
    return out;
  }
}
