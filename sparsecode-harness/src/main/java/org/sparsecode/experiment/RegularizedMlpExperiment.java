package org.sparsecode.experiment;

import org.sparsecode.data.Splits;
import org.sparsecode.harness.Trial;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.MlpConfig;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.model.Regularizer;

/**
 * Doc 001's second experiment: a one-hidden-layer MLP regularised by the One-vs-Rest loss, beside
 * the same MLP with no regularizer, with dropout and with the blog's L1 penalty.
 *
 * <p>Trial parameters: {@code regularizer} (none, l1, ovr, dropout), {@code lambda} (the weight of
 * l1 or ovr; 0 otherwise), {@code dropout_rate} (read only for dropout), {@code hidden,
 * learning_rate, init_stddev, bias_init, seed}, and those of {@link ClassifierExperiment}
 * (including {@code dataset}). Reports {@link MlpClassifier#BELOW_THRESHOLD} besides the usual
 * metrics.
 */
public final class RegularizedMlpExperiment extends ClassifierExperiment {

  @Override
  public String model() {
    return "mlp_regularized";
  }

  @Override
  protected ClassifierGraph build(ModelGraph graph, Trial trial, Splits data) {
    Regularizer regularizer = Regularizer.parse(trial.stringParam("regularizer"));
    FcConfig network =
        FcConfig.builder()
            .inputs(data.train().featureSize())
            .hidden(trial.intParam("hidden"))
            .classes(data.train().numClasses())
            .initStddev((float) trial.doubleParam("init_stddev"))
            .biasInit((float) trial.doubleParam("bias_init"))
            .seed(trial.longParam("seed"))
            .build();
    float rate =
        regularizer == Regularizer.DROPOUT ? (float) trial.doubleParam("dropout_rate") : 0f;
    return MlpClassifier.build(
        graph,
        MlpConfig.regularized(network, regularizer, (float) trial.doubleParam("lambda"), rate),
        optimizer(trial));
  }
}
