package org.sparsecode.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sparsecode.harness.ParamSet;
import org.sparsecode.harness.SweepCheck;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.TrialNames.LcaLinked;
import org.sparsecode.harness.TrialNames.Table1;

/** Every shipped sweep file satisfies its model's declarations, and every model is declared. */
class ParamDeclarationsTest {
  @Test
  void everyShippedSweepFilePassesItsChecks() {
    for (SweepSpec spec : SweepSpec.listTables(Path.of("harness"))) {
      assertEquals(
          java.util.List.of(),
          SweepCheck.problems(spec, ParamDeclarations.forModel(spec.model())),
          spec.table());
    }
  }

  @Test
  void everyModelHasDeclarations() {
    Set<String> declared =
        ParamDeclarations.all().stream().map(ParamSet::model).collect(Collectors.toSet());
    for (String model :
        Set.of(
            "fc",
            "cnn",
            "cnn_ae",
            "mlp_regularized",
            "ovr_sphere",
            "ovr_encoder",
            LcaLinked.MODEL,
            Table1.MODEL)) {
      assertTrue(declared.contains(model), model);
      Experiments.forModel(model); // and the experiment exists
    }
  }
}
