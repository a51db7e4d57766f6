package org.sparsecode.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparsecode.data.Dataset;
import org.sparsecode.loss.SoftmaxCrossEntropy;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Metrics of a model whose logits are its inputs and whose hidden code is relu(inputs). */
class ClassifierMetricsTest {

  private static Evaluation evaluate(Dataset data, int chunk) {
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> hidden = tf.nn.relu(x);
      Operand<TFloat32> taskLoss = new SoftmaxCrossEntropy(3).call(tf, x, y);
      ClassifierGraph model =
          ClassifierGraph.builder(g)
              .inputs(x, y)
              .outputs(x, tf.nn.softmax(x), 3)
              .hidden(hidden, 3)
              .loss(taskLoss, taskLoss)
              .training(tf.noOp(), org.sparsecode.optim.AdamConfig.DEFAULT, List.of())
              .exampleSums(Map.of("input_sum", tf.reduceSum(x, tf.constant(new int[] {0, 1}))))
              .build();
      return new ClassifierMetrics(tf, model).evaluate(g.session(), data, chunk);
    }
  }

  private static final Dataset DATA =
      new Dataset(
          "hand",
          new float[] {
            1f, 0f, 2f, // predicted 2, label 2: correct; active units 0 and 2
            0f, 0f, -1f, // predicted 0 (first of ties), label 0: correct; none active
            3f, 0f, 0f, // predicted 0, label 1: wrong; unit 0 active
          },
          new int[] {2, 0, 1},
          3,
          3);

  @Test
  void accuracyAvrAndDeadUnitsByHand() {
    Evaluation e = evaluate(DATA, 1000);
    assertEquals(3, e.examples());
    assertEquals(2.0 / 3, e.accuracy(), 1e-12);
    // Active counts per example 2, 0, 1: mean 1.
    assertEquals(1.0, e.avr(), 1e-12);
    assertEquals(1.0 / 3, e.l0Fraction(), 1e-12);
    // Unit 1 is never active.
    assertEquals(1.0 / 3, e.deadFraction(), 1e-12);
    // Cross-entropy by hand: -log softmax(logits)[label], averaged.
    double ce0 = Math.log(Math.exp(1) + 1 + Math.exp(2)) - 2;
    double ce1 = Math.log(1 + 1 + Math.exp(-1)) - 0;
    double ce2 = Math.log(Math.exp(3) + 1 + 1) - 0;
    assertEquals((ce0 + ce1 + ce2) / 3, e.meanTaskLoss(), 1e-6);
    // Per-example mean of an extra sum: (3 + -1 + 3) / 3.
    assertEquals(Map.of("input_sum", 5.0 / 3), e.extras());
  }

  @Test
  void chunkingDoesNotChangeTheNumbers() {
    Evaluation whole = evaluate(DATA, 1000);
    Evaluation chunked = evaluate(DATA, 2);
    assertEquals(whole.accuracy(), chunked.accuracy(), 1e-12);
    assertEquals(whole.avr(), chunked.avr(), 1e-12);
    assertEquals(whole.deadFraction(), chunked.deadFraction(), 1e-12);
    assertEquals(whole.meanTaskLoss(), chunked.meanTaskLoss(), 1e-6);
    assertEquals(whole.extras().get("input_sum"), chunked.extras().get("input_sum"), 1e-6);
  }

  /**
   * 999 examples with all 20,001 units active and one with none: 19,980,999 active in the chunk, an
   * odd count above 2^24 that a float32 sum cannot hold. Wide layers count in float64.
   */
  @Test
  void aWideLayersActiveCountIsExact() {
    int units = 20_001;
    int examples = 1000;
    float[] features = new float[examples * 3];
    for (int i = 0; i < examples; i++) {
      features[i * 3] = i < examples - 1 ? 1f : -1f;
    }
    Dataset data = new Dataset("wide", features, new int[examples], 3, 3);
    try (ModelGraph g = new ModelGraph(ThreadSettings.defaults())) {
      Ops tf = g.tf();
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      Placeholder<TInt32> y = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(-1)));
      Operand<TFloat32> hidden =
          tf.nn.relu(
              tf.linalg.matMul(x, tf.ones(tf.constant(new int[] {3, units}), TFloat32.class)));
      Operand<TFloat32> taskLoss = new SoftmaxCrossEntropy(3).call(tf, x, y);
      ClassifierGraph model =
          ClassifierGraph.builder(g)
              .inputs(x, y)
              .outputs(x, tf.nn.softmax(x), 3)
              .hidden(hidden, units)
              .loss(taskLoss, taskLoss)
              .training(tf.noOp(), org.sparsecode.optim.AdamConfig.DEFAULT, List.of())
              .build();
      Evaluation e = new ClassifierMetrics(tf, model).evaluate(g.session(), data, examples);
      assertEquals(19_980_999 / 1000.0, e.avr(), 1e-9);
      assertEquals(0.0, e.deadFraction());
    }
  }
}
