package org.sparsecode.experiment;

import org.sparsecode.data.Splits;
import org.sparsecode.harness.Trial;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.MlpConfig;
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
        FcConfig.builder()
            .inputs(data.train().featureSize())
            .hidden(trial.intParam("hidden"))
            .classes(data.train().numClasses())
            .initStddev((float) trial.doubleParam("init_stddev"))
            .biasInit((float) trial.doubleParam("bias_init"))
            .seed(trial.longParam("seed"))
            .build();
    return MlpClassifier.build(
        graph, MlpConfig.l1(config, (float) trial.doubleParam("lambda")), optimizer(trial));
  }
}
