package org.sparsecode.experiment;

import org.sparsecode.data.Splits;
import org.sparsecode.harness.Trial;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.ModelGraph;

/**
 * The blog's fully connected experiment (Doc 000 (a)): one trial trains a fresh 784-H-10 network
 * with the trial's lambda.
 *
 * <p>Trial parameters: {@code lambda, hidden, learning_rate, init_stddev, bias_init, seed}, and
 * those of {@link ClassifierExperiment}.
 */
public final class FcExperiment extends ClassifierExperiment {

  @Override
  public String model() {
    return "fc";
  }

  @Override
  protected ClassifierGraph build(ModelGraph graph, Trial trial, Splits data) {
    FcConfig config =
        new FcConfig(
            data.train().featureSize(),
            trial.intParam("hidden"),
            data.train().numClasses(),
            (float) trial.doubleParam("lambda"),
            (float) trial.doubleParam("learning_rate"),
            (float) trial.doubleParam("init_stddev"),
            (float) trial.doubleParam("bias_init"),
            trial.longParam("seed"));
    return MlpClassifier.build(graph, MlpConfig.blog(config));
  }
}
