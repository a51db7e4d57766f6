package org.sparsecode.experiment;

import org.sparsecode.data.Splits;
import org.sparsecode.harness.Trial;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.CnnClassifier;
import org.sparsecode.model.ModelGraph;

/**
 * The blog's sparse CNN (Doc 000 (b)). Trial parameters: {@code lambda, filters, kernel, stride,
 * learning_rate, init_stddev, bias_init, seed}, and those of {@link ClassifierExperiment}.
 */
public final class CnnExperiment extends ClassifierExperiment {

  @Override
  public String model() {
    return "cnn";
  }

  @Override
  protected ClassifierGraph build(ModelGraph graph, Trial trial, Splits data) {
    return CnnClassifier.build(graph, CnnConfigs.from(trial, data), optimizer(trial));
  }
}
