package org.sparsecode.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;
import org.sparsecode.eval.Tensors;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Checks the graph's loss and its gradient against an independent double-precision forward pass
 * written here, differentiated by central finite differences.
 */
class FcGradientTest {
  private static final int IN = 6, HIDDEN = 5, CLASSES = 3, BATCH = 4;
  private static final float LAMBDA = 0.01f;

  @Test
  void lossAndGradientMatchFiniteDifferences() {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    float[] x = new float[BATCH * IN];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) rnd.nextDouble();
    }
    int[] y = {0, 2, 1, 2};
    Dataset data = new Dataset("fd", x, y, IN, CLASSES);
    // A larger init spread than the blog's, so that some units are off and the ReLU kink matters.
    FcConfig config =
        FcConfig.builder()
            .inputs(IN)
            .hidden(HIDDEN)
            .classes(CLASSES)
            .initStddev(0.5f)
            .biasInit(0.1f)
            .seed(11)
            .build();

    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      ClassifierGraph model = MlpClassifier.build(g, MlpConfig.l1(config, LAMBDA));
      List<Variable<TFloat32>> vars = model.variables();
      Output<?>[] grads =
          g.graph()
              .addGradients(
                  model.loss().asOutput(),
                  vars.stream().map(Variable::asOutput).toArray(Output<?>[]::new));
      Session s = g.session();
      double[][] params = new double[vars.size()][];
      double[][] tfGrads = new double[vars.size()][];
      float tfLoss;
      try (TFloat32 xt = Tensors.features(data, 0, BATCH);
          TInt32 yt = Tensors.labels(data, 0, BATCH)) {
        var runner =
            s.runner().feed(model.input(), xt).feed(model.labels(), yt).fetch(model.loss());
        for (Variable<TFloat32> v : vars) {
          runner.fetch(v);
        }
        for (Output<?> gr : grads) {
          runner.fetch(gr);
        }
        try (Result r = runner.run()) {
          tfLoss = ((TFloat32) r.get(0)).getFloat();
          for (int k = 0; k < vars.size(); k++) {
            params[k] = toDoubles((TFloat32) r.get(1 + k));
            tfGrads[k] = toDoubles((TFloat32) r.get(1 + vars.size() + k));
          }
        }
      }

      assertEquals(loss(params, x, y), tfLoss, 1e-5, "graph loss vs the reference forward pass");
      double h = 1e-6;
      for (int k = 0; k < params.length; k++) {
        for (int i = 0; i < params[k].length; i++) {
          double keep = params[k][i];
          params[k][i] = keep + h;
          double up = loss(params, x, y);
          params[k][i] = keep - h;
          double down = loss(params, x, y);
          params[k][i] = keep;
          double numeric = (up - down) / (2 * h);
          assertEquals(
              numeric,
              tfGrads[k][i],
              2e-4 + 1e-3 * Math.abs(numeric),
              "d loss / d " + vars.get(k).op().name() + "[" + i + "]");
        }
      }
    }
  }

  /** Mean cross-entropy + lambda * sum(relu(x W1 + b1)), in double precision. */
  private static double loss(double[][] p, float[] x, int[] y) {
    double[] w1 = p[0], b1 = p[1], w2 = p[2], b2 = p[3];
    double total = 0, activity = 0;
    for (int n = 0; n < BATCH; n++) {
      double[] hidden = new double[HIDDEN];
      for (int j = 0; j < HIDDEN; j++) {
        double z = b1[j];
        for (int i = 0; i < IN; i++) {
          z += x[n * IN + i] * w1[i * HIDDEN + j];
        }
        hidden[j] = Math.max(0, z);
        activity += hidden[j];
      }
      double[] logits = new double[CLASSES];
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < CLASSES; c++) {
        logits[c] = b2[c];
        for (int j = 0; j < HIDDEN; j++) {
          logits[c] += hidden[j] * w2[j * CLASSES + c];
        }
        max = Math.max(max, logits[c]);
      }
      double sumExp = 0;
      for (double l : logits) {
        sumExp += Math.exp(l - max);
      }
      total += Math.log(sumExp) + max - logits[y[n]];
    }
    return total / BATCH + LAMBDA * activity;
  }

  private static double[] toDoubles(TFloat32 t) {
    double[] out = new double[(int) t.size()];
    float[] tmp = new float[out.length];
    t.copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(tmp, false, false));
    for (int i = 0; i < out.length; i++) {
      out[i] = tmp[i];
    }
    return out;
  }
}
