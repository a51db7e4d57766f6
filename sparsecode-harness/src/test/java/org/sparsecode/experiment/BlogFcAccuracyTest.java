package org.sparsecode.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sparsecode.data.Mnist;
import org.sparsecode.data.Splits;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.runtime.ThreadSettings;

/**
 * The blog's claims at its full budget for two lambdas, through the same experiment code the sweep
 * runs. About two minutes on 2 cores: run with {@code ./mvnw verify -Pslow}.
 */
@Tag("slow")
class BlogFcAccuracyTest {

  @Test
  void fullBudgetMeetsTheBlogsAccuracyAndSparsity() {
    Splits mnist = Mnist.load();
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "blog-fc");
    for (Trial trial : spec.expand("full").subList(0, 2)) {
      TrialResult r =
          new FcExperiment().run(trial, ExperimentContext.of(mnist, ThreadSettings.defaults()));
      assertEquals(TrialResult.Status.OK, r.status(), r.message());
      double paper =
          ((Number) spec.paperRow(trial).orElseThrow().get("test_accuracy")).doubleValue();
      double accuracy = r.metric(Metrics.TEST_ACCURACY);
      assertTrue(
          accuracy >= paper - 0.01,
          trial.id() + ": accuracy " + accuracy + " vs the blog's " + paper);
      if (trial.doubleParam("lambda") == 0) {
        assertTrue(accuracy >= 0.975, "lambda 0 accuracy " + accuracy);
      } else {
        // The blog's 5.41 active units at lambda 1e-5: the same order of magnitude.
        double avr = r.metric(Metrics.AVR_TRAIN);
        assertTrue(avr > 5.41 / 3 && avr < 5.41 * 3, "AVR " + avr);
      }
      double growth = r.metric(Metrics.RSS_MIB_END) / r.metric(Metrics.RSS_MIB_STEP_1000) - 1;
      assertTrue(growth < 0.05, "resident memory grew by " + growth + " from step 1000 to the end");
    }
  }
}
