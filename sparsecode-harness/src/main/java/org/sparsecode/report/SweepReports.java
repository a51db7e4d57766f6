package org.sparsecode.report;

import java.util.Map;
import org.sparsecode.experiment.LcaLinkedExperiment;
import org.sparsecode.experiment.LinkedTable1Experiment;
import org.sparsecode.experiment.OvrSphereExperiment;

/** Which {@link SweepReport} writes a sweep's reports, by the sweep file's {@code model}. */
public final class SweepReports {
  private SweepReports() {}

  /** Models whose reports are not the default table against lambda; one line each. */
  private static final Map<String, SweepReport> BY_MODEL =
      Map.ofEntries(
          Map.entry(OvrSphereExperiment.MODEL, OvrSphereReport::write),
          Map.entry("mlp_regularized", RegularizerComparison::write),
          Map.entry("ovr_encoder", OvrEncoderReport::write),
          Map.entry(LcaLinkedExperiment.MODEL, LcaLinkedReport::write),
          Map.entry(LinkedTable1Experiment.MODEL, LinkedTable1Report::write));

  /**
   * The report writer for a sweep file's {@code model}: its own if registered, else the default.
   */
  public static SweepReport forModel(String model) {
    return BY_MODEL.getOrDefault(model, SweepTables::write);
  }
}
