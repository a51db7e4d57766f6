package org.sparsecode.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.sparsecode.model.CnnConfig;
import org.sparsecode.model.ConvAutoencoderClassifier;
import org.sparsecode.model.Decoder;
import org.sparsecode.model.FcConfig;
import org.sparsecode.model.MlpClassifier;
import org.sparsecode.model.MlpConfig;
import org.sparsecode.model.ModelGraph;
import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** The graph hash follows the computation, not node names or the order the code built it in. */
class GraphFingerprintTest {

  /** x [-1, 4] -> x W + b -> activation, W [4 x width] drawn with a fixed seed. */
  private static String layer(
      String inputName,
      int width,
      boolean weightsFirst,
      BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> activation) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> w = null;
      if (weightsFirst) {
        w =
            tf.random.truncatedNormal(
                tf.constant(new long[] {4, width}),
                TFloat32.class,
                org.tensorflow.op.random.TruncatedNormal.seed(7L));
      }
      Placeholder<TFloat32> x =
          tf.withName(inputName).placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 4)));
      if (!weightsFirst) {
        w =
            tf.random.truncatedNormal(
                tf.constant(new long[] {4, width}),
                TFloat32.class,
                org.tensorflow.op.random.TruncatedNormal.seed(7L));
      }
      Operand<TFloat32> b = tf.fill(tf.constant(new long[] {width}), tf.constant(0.1f));
      activation.apply(tf, tf.math.add(tf.linalg.matMul(x, w), b));
      return GraphFingerprint.of(g);
    }
  }

  private static final BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> RELU =
      (tf, z) -> tf.nn.relu(z);
  private static final BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> ELU =
      (tf, z) -> tf.nn.elu(z);

  @Test
  void renamingAPlaceholderKeepsTheHash() {
    assertEquals(layer("images", 3, false, RELU), layer("inputs", 3, false, RELU));
  }

  @Test
  void buildingInAnotherOrderKeepsTheHash() {
    assertEquals(layer("images", 3, false, RELU), layer("images", 3, true, RELU));
  }

  @Test
  void anotherWidthOrActivationChangesTheHash() {
    String base = layer("images", 3, false, RELU);
    assertNotEquals(base, layer("images", 5, false, RELU));
    assertNotEquals(base, layer("images", 3, false, ELU));
  }

  @Test
  void aConstantsValueChangesTheHash() {
    String a;
    String b;
    try (Graph g = new Graph()) {
      Ops.create(g).constant(0.1f);
      a = GraphFingerprint.of(g);
    }
    try (Graph g = new Graph()) {
      Ops.create(g).constant(0.2f);
      b = GraphFingerprint.of(g);
    }
    assertNotEquals(a, b);
  }

  /** The blog's MLP as the experiments build it: same config, same hash; another width, another. */
  @Test
  void theModelBuildersGraphIsHashedStably() {
    assertEquals(mlp(16, 1e-4f), mlp(16, 1e-4f));
    assertNotEquals(mlp(16, 1e-4f), mlp(17, 1e-4f));
    assertNotEquals(mlp(16, 1e-4f), mlp(16, 2e-4f));
  }

  private static String mlp(int hidden, float lambda) {
    try (ModelGraph graph = new ModelGraph(new ThreadSettings(1, 1))) {
      MlpClassifier.build(
          graph,
          MlpConfig.l1(
              FcConfig.builder().inputs(784).hidden(hidden).classes(10).seed(1).build(), lambda));
      return GraphFingerprint.of(graph.graph());
    }
  }

  /** AddN over constants of the given values, listed in that order. */
  private static String addN(float... values) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> inputs = new ArrayList<>();
      for (float v : values) {
        inputs.add(tf.constant(v));
      }
      tf.math.addN(inputs);
      return GraphFingerprint.of(g);
    }
  }

  @Test
  void aLargeAddNsInputsAreAMultiset() {
    String nine = addN(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertEquals(nine, addN(9, 3, 1, 8, 2, 7, 4, 6, 5));
    assertNotEquals(nine, addN(1, 2, 3, 4, 5, 6, 7, 8, 10));
    // A multiset, not a set: which input repeats still counts.
    assertNotEquals(addN(1, 1, 2, 3, 4, 5, 6, 7, 8), addN(1, 2, 2, 3, 4, 5, 6, 7, 8));
  }

  /** Up to 8 inputs TensorFlow keeps the order, and so does the hash (recorded hashes stay). */
  @Test
  void aSmallAddNKeepsItsInputOrder() {
    assertNotEquals(addN(1, 2, 3), addN(3, 2, 1));
    assertNotEquals(addN(1, 2, 3, 4, 5, 6, 7, 8), addN(8, 1, 2, 3, 4, 5, 6, 7));
  }

  /**
   * The tap-product decoder's input gradient sums 9 parts in an order that TensorFlow picks anew
   * for each graph: the hash must not follow it.
   */
  @Test
  void theSubpixelAutoencoderIsHashedStably() {
    String first = subpixelAutoencoder();
    for (int i = 0; i < 3; i++) {
      assertEquals(first, subpixelAutoencoder());
    }
  }

  private static String subpixelAutoencoder() {
    try (ModelGraph graph = new ModelGraph(new ThreadSettings(1, 1))) {
      ConvAutoencoderClassifier.build(graph, CnnConfig.blog(1e-5f, 1), Decoder.SUBPIXEL, 1f);
      return GraphFingerprint.of(graph.graph());
    }
  }

  @Test
  void inputReferencesAreParsed() {
    assertEquals("a/b", GraphFingerprint.sourceName("^a/b"));
    assertEquals("a/b", GraphFingerprint.sourceName("a/b:2"));
    assertEquals(2, GraphFingerprint.outputIndex("a/b:2"));
    assertEquals(0, GraphFingerprint.outputIndex("a"));
    assertEquals(-1, GraphFingerprint.outputIndex("^a"));
  }
}
