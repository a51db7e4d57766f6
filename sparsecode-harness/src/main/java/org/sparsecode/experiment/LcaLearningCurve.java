package org.sparsecode.experiment;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparsecode.data.Dataset;
import org.sparsecode.harness.TrialNames.LcaLinked;
import org.sparsecode.io.CurveCsv;
import org.sparsecode.lca.CodeInference;
import org.sparsecode.lca.LinkedDictionaries;
import org.sparsecode.lca.LinkedLearning;
import org.sparsecode.runtime.ThreadSettings;
import org.sparsecode.train.TrainingListener;

/**
 * The learning curve of a linked-dictionary trial. Every window of {@code dead_window} steps it
 * records the window's energy, active atoms, squared error per modality, how far the dictionary
 * moved and the dead atoms. Every {@link #evaluateEvery} steps it also codes a fixed subset of test
 * digits from the MNIST image alone and scores them as the trial's end does (active atoms, error,
 * cross-modal accuracy, block purity, the glyphs' own codes); for the ordinal kinds it scores again
 * with the driver on during inference, as while learning, to tell what the driver does to the
 * codes.
 */
final class LcaLearningCurve implements LinkedLearning.StepListener, AutoCloseable {
  static final List<String> COLUMNS =
      List.of(
          "step",
          "energy",
          "l0",
          "mse_mnist",
          "mse_glyph",
          "dictionary_change",
          "dead_atoms",
          "test_l0",
          "test_mse_mnist",
          "cross_modal_accuracy",
          "block_purity",
          "glyph_l0",
          "glyph_mse",
          "driven_l0",
          "driven_cross_modal_accuracy",
          "driven_block_purity");

  /** Test digits (the first ones) scored along the way. */
  static final int SUBSET = 1000;

  private final LcaLinkedExperiment.Settings settings;
  private final Dataset subset;
  private final ThreadSettings threads;
  private final TrainingListener progress;
  private final int evaluateEvery;
  private final CodeInference plain;
  private final CodeInference driven;
  private final List<double[]> rows = new ArrayList<>();

  LcaLearningCurve(
      LcaLinkedExperiment.Settings settings,
      Dataset test,
      ThreadSettings threads,
      TrainingListener progress) {
    this.settings = settings;
    this.subset = test.slice("curve-subset", 0, Math.min(SUBSET, test.size()));
    this.threads = threads;
    this.progress = progress;
    this.evaluateEvery = evaluateEvery(settings.steps(), settings.deadWindow());
    int width = test.featureSize();
    int k = settings.neurons();
    plain = new CodeInference(width, k, settings.lca(), false, threads);
    driven =
        switch (settings.features().drive()) {
          case NONE -> null;
          case CURRENT -> new CodeInference(width, k, settings.lca(), true, threads);
          case MODALITY -> new CodeInference(width + k, k, settings.lca(), false, threads);
        };
  }

  /** A multiple of the window near a tenth of the run, at most 500 steps. */
  static int evaluateEvery(int steps, int window) {
    return Math.max(window, Math.min(500, steps / 10) / window * window);
  }

  @Override
  public void onStep(int step, double meanEnergy) {
    progress.onStep(step, (float) meanEnergy);
  }

  @Override
  public void onWindow(LinkedLearning.Window w, LinkedDictionaries dictionaries) {
    double[] row = new double[COLUMNS.size()];
    java.util.Arrays.fill(row, Double.NaN);
    row[0] = w.step();
    row[1] = w.meanEnergy();
    row[2] = w.meanL0();
    row[3] = w.meanSquaredError()[0];
    row[4] = w.meanSquaredError().length > 1 ? w.meanSquaredError()[1] : Double.NaN;
    row[5] = w.dictionaryChange();
    row[6] = w.deadAtoms();
    if (w.step() % evaluateEvery == 0 || w.step() == settings.steps()) {
      float[][] phi1 = dictionaries.block(0).toArray();
      float[] x = LcaLinkedExperiment.prepare(subset.features(), settings.unitNorm());
      float[] codes = plain.codes(x, subset.size(), phi1, settings.inferenceChunk());
      var m = score(dictionaries, codes);
      row[7] = m.get(LcaLinked.L0_MNIST);
      row[8] = m.get(LcaLinked.MSE_MNIST);
      row[9] = m.getOrDefault(LcaLinked.CROSS_MODAL_ACCURACY, Double.NaN);
      row[10] = m.get(LcaLinked.BLOCK_PURITY);
      row[11] = m.getOrDefault(LcaLinked.L0_GLYPH, Double.NaN);
      row[12] = m.getOrDefault(LcaLinked.MSE_GLYPH, Double.NaN);
      if (driven != null) {
        var d = score(dictionaries, drivenCodes(x, phi1));
        row[13] = d.get(LcaLinked.L0_MNIST);
        row[14] = d.getOrDefault(LcaLinked.CROSS_MODAL_ACCURACY, Double.NaN);
        row[15] = d.get(LcaLinked.BLOCK_PURITY);
      }
    }
    rows.add(row);
  }

  private java.util.Map<String, Double> score(LinkedDictionaries dictionaries, float[] codes) {
    Dataset coded =
        new Dataset("curve-codes", codes, subset.labels(), settings.neurons(), subset.numClasses());
    return LcaLinkedExperiment.evaluate(dictionaries, coded, subset, settings, threads).metrics();
  }

  /** Codes from the MNIST image with the class driver on, in the trial's reading of it. */
  private float[] drivenCodes(float[] x, float[][] phi1) {
    int k = settings.neurons();
    int width = subset.featureSize();
    float[] drivers = settings.blocks().drivers(subset.labels(), settings.driverAmplitude());
    if (settings.features().drive() == LinkedLearning.DriveKind.CURRENT) {
      return driven.codes(x, subset.size(), phi1, drivers, settings.inferenceChunk());
    }
    float[] stacked = new float[subset.size() * (width + k)];
    for (int n = 0; n < subset.size(); n++) {
      System.arraycopy(x, n * width, stacked, n * (width + k), width);
      System.arraycopy(drivers, n * k, stacked, n * (width + k) + width, k);
    }
    float[][] phi = new float[width + k][];
    System.arraycopy(phi1, 0, phi, 0, width);
    for (int j = 0; j < k; j++) {
      phi[width + j] = new float[k];
      phi[width + j][j] = 1;
    }
    return driven.codes(stacked, subset.size(), phi, settings.inferenceChunk());
  }

  List<double[]> rows() {
    return List.copyOf(rows);
  }

  void write(Path file) throws IOException {
    CurveCsv.write(file, COLUMNS, rows);
  }

  @Override
  public void close() {
    plain.close();
    if (driven != null) {
      driven.close();
    }
  }
}
