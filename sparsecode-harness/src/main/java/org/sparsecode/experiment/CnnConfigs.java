package org.sparsecode.experiment;

import org.sparsecode.data.Splits;
import org.sparsecode.harness.Trial;
import org.sparsecode.model.CnnConfig;

/** Reads a {@link CnnConfig} from a trial's parameters and the data's image size. */
final class CnnConfigs {
  private CnnConfigs() {}

  static CnnConfig from(Trial trial, Splits data) {
    int side = (int) Math.round(Math.sqrt(data.train().featureSize()));
    if (side * side != data.train().featureSize()) {
      throw new IllegalArgumentException(
          "the CNN needs square single-channel images; "
              + data.train().name()
              + " has "
              + data.train().featureSize()
              + " features per example");
    }
    return CnnConfig.builder()
        .side(side)
        .filters(trial.intParam("filters"))
        .kernel(trial.intParam("kernel"))
        .stride(trial.intParam("stride"))
        .classes(data.train().numClasses())
        .lambda((float) trial.doubleParam("lambda"))
        .initStddev((float) trial.doubleParam("init_stddev"))
        .biasInit((float) trial.doubleParam("bias_init"))
        .seed(trial.longParam("seed"))
        .build();
  }
}
