package org.sparsecode.report;

import java.util.Map;
import org.sparsecode.harness.TrialNames.LcaLinked;
import org.sparsecode.harness.TrialNames.OvrEncoder;
import org.sparsecode.harness.TrialNames.OvrSphere;
import org.sparsecode.harness.TrialNames.Table1;

/** Which {@link SweepReport} writes a sweep's reports, by the sweep file's {@code model}. */
public final class SweepReports {
  private SweepReports() {}

  /** Models whose reports are not the default table against lambda; one line each. */
  private static final Map<String, SweepReport> BY_MODEL =
      Map.ofEntries(
          Map.entry(OvrSphere.MODEL, OvrSphereReport::write),
          Map.entry("mlp_regularized", RegularizerComparison::write),
          Map.entry(OvrEncoder.MODEL, OvrEncoderReport::write),
          Map.entry(LcaLinked.MODEL, LcaLinkedReport::write),
          Map.entry(Table1.MODEL, LinkedTable1Report::write));

  /**
   * The report writer for a sweep file's {@code model}: its own if registered, else the default.
   */
  public static SweepReport forModel(String model) {
    return BY_MODEL.getOrDefault(model, SweepTables::write);
  }
}
