package org.sparsecode.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsecode.harness.Metrics;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;
import org.sparsecode.harness.TrialResult;
import org.sparsecode.model.ConvAutoencoderClassifier;

/** The decoders of blog-ae compared on made-up numbers whose ranges are known. */
class ByDecoderTest {
  @Test
  void rangesPerDecoderAndTheBugCompatibleOneAgainstTheOthers() {
    SweepSpec spec = SweepSpec.load(Path.of("harness"), "blog-ae");
    List<Double> lambdas = List.of(0.0, 1e-5, 5e-5, 1e-4, 5e-4);
    List<TrialResult> results = new ArrayList<>();
    for (Trial t : spec.expand("full")) {
      if (!SweepSpec.pointId(t.id()).equals(t.id())) {
        continue; // seed 1 only
      }
      boolean bugs = t.stringParam("decoder").equals("conv_transpose_blog_bugs");
      int i = lambdas.indexOf(t.doubleParam("lambda"));
      Map<String, Object> paper = spec.paperRow(t).orElse(Map.of());
      Map<String, Double> m = new LinkedHashMap<>();
      // accuracy 0.975 + 0.001 i for the correct decoders, 0.960 + 0.001 i for the buggy one
      m.put(Metrics.TEST_ACCURACY, (bugs ? 0.960 : 0.975) + 0.001 * i);
      // the correct decoders reconstruct 4 times worse; the buggy AVR is twice the blog's
      m.put(ConvAutoencoderClassifier.RECON_MSE, bugs ? 1e-6 : 4e-6);
      m.put(Metrics.AVR_TRAIN, bugs ? 2 * ((Number) paper.get("avr")).doubleValue() : 100.0 + i);
      results.add(new TrialResult(t, TrialResult.Status.OK, "", m, null));
    }
    String text = SweepTables.byDecoder(spec, results).orElseThrow();
    assertTrue(
        text.contains(
            "- conv_transpose: test accuracy 0.9750 to 0.9790 over 5 lambdas; reconstruction"
                + " error 4.00e-6 to 4.00e-6"),
        text);
    // ours 0.960 .. 0.964 against the blog's 0.9511, 0.9742, 0.9738, 0.9708, 0.9676:
    // +0.89, -1.32, -1.18, -0.78, -0.36 points
    assertTrue(text.contains("against the document's accuracy -1.32 to +0.89 points"), text);
    assertTrue(
        text.contains(
            "AVR over the document's: 2.00 at 0, 2.00 at 1e-05, 2.00 at 5e-05, 2.00 at 1e-04,"
                + " 2.00 at 5e-04"),
        text);
    assertTrue(
        text.contains(
            "conv_transpose_blog_bugs, the decoder with the document's numbers, classifies at"
                + " 0.9600 to 0.9640 against 0.9750 to 0.9790 for the others (conv_transpose,"
                + " subpixel); with the penalty on (lambda > 0), the others' reconstruction error"
                + " is 4.00 to 4.00 times its own at the same lambda."),
        text);
  }
}
