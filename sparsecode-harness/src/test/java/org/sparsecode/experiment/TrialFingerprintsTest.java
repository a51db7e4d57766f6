package org.sparsecode.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsecode.harness.Fingerprint;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;

/** What each part of a trial's fingerprint follows. */
class TrialFingerprintsTest {
  private final SweepSpec fc = SweepSpec.load(Path.of("harness"), "blog-fc");

  @Test
  void paramsHashIgnoresKeyOrderAndNumberSpelling() {
    Map<String, Object> a = new LinkedHashMap<>(Map.of("lambda", 1.0e-5));
    a.put("hidden", 784);
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("hidden", 784.0);
    b.put("lambda", 0.00001);
    assertEquals(
        TrialFingerprints.params(new Trial("t", 0, "x", a)),
        TrialFingerprints.params(new Trial("t", 0, "x", b)));
    b.put("lambda", 2e-5);
    assertNotEquals(
        TrialFingerprints.params(new Trial("t", 0, "x", a)),
        TrialFingerprints.params(new Trial("t", 0, "x", b)));
  }

  @Test
  void lambdaChangesParamsNotGraphStructureOnly() {
    List<Trial> trials = fc.expand("full");
    TrialFingerprints f = new TrialFingerprints(Path.of("harness"), 5000);
    Fingerprint zero = f.of(fc, "full", trials.get(0));
    Fingerprint small = f.of(fc, "full", trials.get(1));
    assertNotEquals(zero.params(), small.params());
    assertEquals(zero.data(), small.data());
    assertEquals(TrialFingerprints.SCHEME, zero.scheme());
    assertEquals(Fingerprint.NONE, zero.inputs());
    // The same trial from a fresh instance (no cache): the same fingerprint.
    assertEquals(
        zero, new TrialFingerprints(Path.of("harness"), 5000).of(fc, "full", trials.get(0)));
  }

  @Test
  void anotherValidationSplitIsOtherData() {
    Trial t = fc.expand("full").get(0);
    assertNotEquals(
        new TrialFingerprints(Path.of("harness"), 5000).of(fc, "full", t).data(),
        new TrialFingerprints(Path.of("harness"), 1000).of(fc, "full", t).data());
  }

  @Test
  void tableOneTrialsReadTheirDictionarysFingerprint() {
    SweepSpec table1 = SweepSpec.load(Path.of("harness"), "linked-table1");
    SweepSpec lca = SweepSpec.load(Path.of("harness"), "lca-linked");
    TrialFingerprints f = new TrialFingerprints(Path.of("harness"), 5000);
    Trial raw = table1.expand("full").get(0);
    Trial linked =
        table1.expand("full").stream()
            .filter(t -> "linked".equals(t.params().get("features")))
            .findFirst()
            .orElseThrow();
    Trial dictionary =
        lca.expand("full").stream()
            .filter(t -> "linked".equals(t.params().get("features")))
            .findFirst()
            .orElseThrow();
    assertEquals(Fingerprint.NONE, f.of(table1, "full", raw).inputs());
    assertEquals(f.of(lca, "full", dictionary).value(), f.of(table1, "full", linked).inputs());
    assertEquals(Fingerprint.NONE, f.of(table1, "full", linked).graph());
  }
}
