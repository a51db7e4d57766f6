package org.sparsecode.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.sparsecode.data.Dataset;
import org.sparsecode.model.ClassifierGraph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TNumber;

/**
 * Accuracy, AVR and dead units computed inside the graph, batch by batch, so that evaluating 10,000
 * examples moves a few numbers out of TensorFlow instead of every activation.
 */
public final class ClassifierMetrics {
  /** Examples per evaluation batch: large enough for fast matrix products, small in memory. */
  public static final int DEFAULT_CHUNK = 1000;

  private final ClassifierGraph model;
  private final Operand<TFloat32> correctCount;
  private final Operand<TFloat32> taskLossSum;
  private final Operand<? extends TNumber> activeCount;
  private final Operand<TFloat32> unitActiveInBatch;
  private final List<String> extraNames;

  /**
   * Adds the metric ops for {@code model} to the graph of {@code tf} (under the {@code metrics}
   * scope).
   *
   * @param tf ops of the model's graph
   * @param model the classifier to evaluate
   */
  public ClassifierMetrics(Ops tf, ClassifierGraph model) {
    this.model = model;
    Ops m = tf.withSubScope("metrics");
    Operand<TInt32> predicted = m.math.argMax(model.logits(), m.constant(1), TInt32.class);
    correctCount =
        m.reduceSum(
            m.dtypes.cast(m.math.equal(predicted, model.labels()), TFloat32.class), m.constant(0));
    // taskLoss is a batch mean: times the batch size gives the sum, so chunks of any size combine.
    Operand<TFloat32> batchSize =
        m.dtypes.cast(m.size(model.labels(), TInt32.class), TFloat32.class);
    taskLossSum = m.math.mul(model.taskLoss(), batchSize);
    Operand<TFloat32> flat =
        m.reshape(model.hidden(), m.constant(new int[] {-1, model.hiddenUnits()}));
    Operand<TFloat32> active = m.dtypes.cast(m.math.greater(flat, m.constant(0f)), TFloat32.class);
    // A float32 sum of 0s and 1s is exact while it stays below 2^24. A chunk of a wide layer (the
    // CNN's 39,200 units) passes that, and TensorFlow splits the sum by the number of intra-op
    // threads, so its rounding would depend on them: such layers count in float64, exact.
    boolean wide = (long) model.hiddenUnits() * DEFAULT_CHUNK >= 1L << 24;
    activeCount =
        wide
            ? m.reduceSum(m.dtypes.cast(active, TFloat64.class), m.constant(new int[] {0, 1}))
            : m.reduceSum(active, m.constant(new int[] {0, 1}));
    unitActiveInBatch = m.reduceMax(active, m.constant(0));
    extraNames = new ArrayList<>(new TreeSet<>(model.exampleSums().keySet()));
  }

  /**
   * Evaluates on every example of {@code data}, in chunks of {@code chunk}.
   *
   * @param session a session of the graph this object was built into
   * @param data the examples, of the model's input width; not empty
   * @param chunk examples per session run, &gt; 0 (bounds the memory of one run)
   * @return accuracy, mean task loss, AVR, L0 and dead fractions, and the model's extras over all
   *     of {@code data}
   * @throws IllegalArgumentException when {@code data} is empty
   */
  public Evaluation evaluate(Session session, Dataset data, int chunk) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("cannot evaluate on the empty data set " + data.name());
    }
    int units = model.hiddenUnits();
    boolean[] everActive = new boolean[units];
    double correct = 0;
    double lossSum = 0;
    double active = 0;
    float[] unitFlags = new float[units];
    double[] extraSums = new double[extraNames.size()];
    for (int from = 0; from < data.size(); from += chunk) {
      int count = Math.min(chunk, data.size() - from);
      try (TFloat32 x = Tensors.features(data, from, count);
          TInt32 y = Tensors.labels(data, from, count);
          Result r = run(session, x, y)) {
        correct += ((TFloat32) r.get(0)).getFloat();
        lossSum += ((TFloat32) r.get(1)).getFloat();
        active +=
            r.get(2) instanceof TFloat64 exact
                ? exact.getDouble()
                : ((TFloat32) r.get(2)).getFloat();
        ((TFloat32) r.get(3))
            .copyTo(org.tensorflow.ndarray.buffer.DataBuffers.of(unitFlags, false, false));
        for (int k = 0; k < extraNames.size(); k++) {
          extraSums[k] += ((TFloat32) r.get(4 + k)).getFloat();
        }
      }
      for (int u = 0; u < units; u++) {
        everActive[u] |= unitFlags[u] > 0;
      }
    }
    int dead = 0;
    for (boolean a : everActive) {
      if (!a) {
        dead++;
      }
    }
    int n = data.size();
    double avr = active / n;
    Map<String, Double> extras = new LinkedHashMap<>();
    for (int k = 0; k < extraNames.size(); k++) {
      extras.put(extraNames.get(k), extraSums[k] / n);
    }
    return new Evaluation(
        n, correct / n, lossSum / n, avr, avr / units, (double) dead / units, extras);
  }

  private Result run(Session session, TFloat32 x, TInt32 y) {
    Session.Runner runner =
        session
            .runner()
            .feed(model.input(), x)
            .feed(model.labels(), y)
            .fetch(correctCount)
            .fetch(taskLossSum)
            .fetch(activeCount)
            .fetch(unitActiveInBatch);
    for (String name : extraNames) {
      runner.fetch(model.exampleSums().get(name));
    }
    return runner.run();
  }
}
