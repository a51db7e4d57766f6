package org.sparsecode.experiment;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.sparsecode.eval.Evaluation;
import org.sparsecode.train.TrainingListener;

/** The experiments this build knows, by the {@code model} name sweep files use. */
public final class Experiments {
  private Experiments() {}

  private static final Map<String, Experiment> BY_MODEL =
      Stream.of(
              new FcExperiment(),
              new CnnExperiment(),
              new ConvAutoencoderExperiment(),
              new OvrSphereExperiment(),
              new RegularizedMlpExperiment(),
              new OvrEncoderExperiment(),
              new LcaLinkedExperiment(),
              new LinkedTable1Experiment())
          .collect(Collectors.toMap(Experiment::model, Function.identity()));

  /** The experiment for a sweep file's {@code model}, or an error listing the known ones. */
  public static Experiment forModel(String model) {
    Experiment e = BY_MODEL.get(model);
    if (e == null) {
      throw new IllegalArgumentException(
          "unknown model '" + model + "' in the sweep file; known models: " + BY_MODEL.keySet());
    }
    return e;
  }

  /** One listener that forwards to several. */
  static TrainingListener fanOut(List<TrainingListener> listeners) {
    return new TrainingListener() {
      @Override
      public void onStep(int step, float loss) {
        for (TrainingListener l : listeners) {
          l.onStep(step, loss);
        }
      }

      @Override
      public void onEvaluation(int step, Evaluation validation) {
        for (TrainingListener l : listeners) {
          l.onEvaluation(step, validation);
        }
      }
    };
  }
}
