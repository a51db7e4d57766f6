package org.sparsecode.experiment;

import org.sparsecode.data.SphereData;
import org.sparsecode.data.Splits;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialNames.OvrSphere;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.MlpConfig;
import org.sparsecode.model.ModelGraph;

/**
 * Doc 001's sphere experiment: each trial generates its own sphere data, trains a one-hidden-layer
 * ReLU network on it, and reports test accuracy and the sparsity of the hidden layer on the test
 * split (AVR, L0 fraction, dead fraction, and {@link MlpClassifier#BELOW_THRESHOLD}).
 *
 * <p>Trial parameters: {@code points, partitions, hidden, lambda, learning_rate, seed}, optional
 * {@code data_seed} (default: {@code seed}), and those of {@link ClassifierExperiment}. The sphere
 * is cut into sqrt(partitions) latitude bands and as many longitude sectors (N + 1 = M), so {@code
 * partitions} must be a square (4, 16, 64, 256, ...). The points are split 80/10/10 into train,
 * validation and test ({@link SphereData#splits}); {@code lambda} weighs the OVR loss (0: plain
 * cross-entropy). The seed draws the class map, the points, the weights and the batch order. The
 * weights start scaled to the fan-in ({@link MlpConfig.Init#SCALED}).
 */
public final class OvrSphereExperiment extends ClassifierExperiment {

  @Override
  public String model() {
    return OvrSphere.MODEL;
  }

  @Override
  protected Splits data(Trial trial, ExperimentContext context) {
    int side = side(trial.intParam("partitions"));
    long dataSeed =
        trial.params().containsKey("data_seed")
            ? trial.longParam("data_seed")
            : trial.longParam("seed");
    return SphereData.splits(
        trial.intParam("points"), side - 1, side, SphereData.DEFAULT_CLASSES, dataSeed);
  }

  @Override
  protected ClassifierGraph build(ModelGraph graph, Trial trial, Splits data) {
    return MlpClassifier.build(
        graph,
        network(
            data.train().featureSize(),
            trial.intParam("hidden"),
            data.train().numClasses(),
            (float) trial.doubleParam("lambda"),
            trial.longParam("seed")),
        optimizer(trial));
  }

  /** The sphere network: OVR weighted by {@code lambda} (0: none), scaled initial weights. */
  public static MlpConfig network(int inputs, int hidden, int classes, float lambda, long seed) {
    // SCALED reads neither init_stddev nor bias_init.
    FcConfig sizes =
        FcConfig.builder().inputs(inputs).hidden(hidden).classes(classes).seed(seed).build();
    return (lambda == 0 ? MlpConfig.none(sizes) : MlpConfig.ovr(sizes, lambda))
        .withInit(MlpConfig.Init.SCALED);
  }

  /** Bands (N + 1) and sectors (M) for a square number of partitions. */
  public static int side(int partitions) {
    int side = (int) Math.round(Math.sqrt(partitions));
    if (partitions < 1 || side * side != partitions) {
      throw new IllegalArgumentException(
          "partitions must be a square (N + 1 = M latitude bands and longitude sectors), got "
              + partitions
              + "; use for example 4, 16, 64 or 256");
    }
    return side;
  }
}
