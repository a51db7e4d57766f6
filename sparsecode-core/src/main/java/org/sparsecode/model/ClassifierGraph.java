package org.sparsecode.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparsecode.optim.AdamConfig;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The named endpoints of a classifier with one sparse hidden representation, as built into a {@link
 * ModelGraph} by {@link MlpClassifier}, {@link CnnClassifier}, {@link ConvAutoencoderClassifier} or
 * {@link LinearProbe}. Trainers, evaluators and exporters work on this, whatever the architecture;
 * once trained, {@link #predict(float[][])} classifies new examples. It uses the {@link
 * ModelGraph}'s session and owns no native resource of its own: close the {@link ModelGraph}.
 *
 * <p>Model builders make one with {@link #builder(ModelGraph)}.
 */
public final class ClassifierGraph {
  /** Rows per session run in the prediction helpers. */
  static final int PREDICT_CHUNK = 1_000;

  private final ModelGraph graph;
  private final Placeholder<TFloat32> input;
  private final Placeholder<TInt32> labels;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> probabilities;
  private final Operand<TFloat32> hidden;
  private final int hiddenUnits;
  private final int numClasses;
  private final Operand<TFloat32> loss;
  private final Operand<TFloat32> taskLoss;
  private final Op trainStep;
  private final AdamConfig optimizer;
  private final List<Variable<TFloat32>> variables;
  private final Map<String, Operand<TFloat32>> exampleSums;
  private final Map<String, Operand<TFloat32>> extraOutputs;

  private ClassifierGraph(Builder b) {
    graph = b.graph;
    input = required(b.input, "input");
    labels = required(b.labels, "labels");
    logits = required(b.logits, "logits");
    probabilities = required(b.probabilities, "probabilities");
    hidden = required(b.hidden, "hidden");
    loss = required(b.loss, "loss");
    taskLoss = b.taskLoss == null ? b.loss : b.taskLoss;
    trainStep = required(b.trainStep, "trainStep");
    optimizer = required(b.optimizer, "optimizer");
    variables = List.copyOf(required(b.variables, "variables"));
    exampleSums = Map.copyOf(b.exampleSums);
    extraOutputs = Map.copyOf(b.extraOutputs);
    Shape in = input.shape();
    if (in.numDimensions() != 2 || in.get(1) <= 0) {
      throw new IllegalArgumentException(
          "a classifier's input must be a placeholder [batch, features] with a known width, got "
              + in);
    }
    if (b.hiddenUnits <= 0) {
      throw new IllegalArgumentException("hiddenUnits must be > 0, got " + b.hiddenUnits);
    }
    if (b.numClasses < 2) {
      throw new IllegalArgumentException("numClasses must be >= 2, got " + b.numClasses);
    }
    hiddenUnits = b.hiddenUnits;
    numClasses = b.numClasses;
  }

  private static <T> T required(T value, String name) {
    if (value == null) {
      throw new IllegalStateException(
          "ClassifierGraph." + name + " was not set; call builder." + name + "(...)");
    }
    return value;
  }

  /**
   * A builder for a classifier built into {@code graph}.
   *
   * @param graph the graph that holds the model's ops and whose session runs them
   * @return a new builder
   */
  public static Builder builder(ModelGraph graph) {
    return new Builder(Objects.requireNonNull(graph, "graph"));
  }

  /**
   * @return the graph that holds the model and whose session runs it
   */
  public ModelGraph graph() {
    return graph;
  }

  /**
   * @return input batch, float32 [batch, features] (pixels in [0, 1] for the image models)
   */
  public Placeholder<TFloat32> input() {
    return input;
  }

  /**
   * @return the input's op name: {@code features}, or {@code images} for the convolutional models
   */
  public String inputName() {
    return input.op().name();
  }

  /**
   * @return features per example (the input's width)
   */
  public int inputWidth() {
    return (int) input.shape().get(1);
  }

  /**
   * @return class indices, int32 [batch], each in [0, numClasses)
   */
  public Placeholder<TInt32> labels() {
    return labels;
  }

  /**
   * @return unnormalised class scores, float32 [batch, numClasses]
   */
  public Operand<TFloat32> logits() {
    return logits;
  }

  /**
   * @return softmax of the logits, float32 [batch, numClasses]
   */
  public Operand<TFloat32> probabilities() {
    return probabilities;
  }

  /**
   * @return the representation whose sparsity is studied, float32 [batch, ...]
   */
  public Operand<TFloat32> hidden() {
    return hidden;
  }

  /**
   * @return number of units in {@link #hidden()} per example
   */
  public int hiddenUnits() {
    return hiddenUnits;
  }

  /**
   * @return number of classes
   */
  public int numClasses() {
    return numClasses;
  }

  /**
   * @return the training objective (task loss plus penalties), a float32 scalar
   */
  public Operand<TFloat32> loss() {
    return loss;
  }

  /**
   * @return the task loss alone (mean cross-entropy), a float32 scalar
   */
  public Operand<TFloat32> taskLoss() {
    return taskLoss;
  }

  /**
   * @return one optimiser step on {@link #loss()}; feed input and labels
   */
  public Op trainStep() {
    return trainStep;
  }

  /**
   * @return the optimiser settings {@link #trainStep()} was built with
   */
  public AdamConfig optimizer() {
    return optimizer;
  }

  /**
   * @return the trained variables
   */
  public List<Variable<TFloat32>> variables() {
    return variables;
  }

  /**
   * @return further per-example quantities to evaluate, each given as its sum over the batch (for
   *     example the reconstruction error of an autoencoder); evaluations report their mean per
   *     example under the same name
   */
  public Map<String, Operand<TFloat32>> exampleSums() {
    return exampleSums;
  }

  /**
   * @return further outputs a SavedModel export serves beside logits, probabilities and hidden (for
   *     example an autoencoder's reconstruction), by signature name
   */
  public Map<String, Operand<TFloat32>> extraOutputs() {
    return extraOutputs;
  }

  /**
   * The predicted class of each example: the index of its largest logit.
   *
   * @param features one example per row, each of {@link #inputWidth()} values
   * @return class indices, one per row
   */
  public int[] predict(float[][] features) {
    float[][] scores = predictLogits(features);
    int[] classes = new int[scores.length];
    for (int i = 0; i < scores.length; i++) {
      int best = 0;
      for (int c = 1; c < scores[i].length; c++) {
        if (scores[i][c] > scores[i][best]) {
          best = c;
        }
      }
      classes[i] = best;
    }
    return classes;
  }

  /**
   * The logits of each example, with the current weights.
   *
   * @param features one example per row, each of {@link #inputWidth()} values
   * @return [rows][numClasses] logits
   */
  public float[][] predictLogits(float[][] features) {
    return run(features, logits);
  }

  /**
   * The class probabilities (softmax of the logits) of each example, with the current weights.
   *
   * @param features one example per row, each of {@link #inputWidth()} values
   * @return [rows][numClasses] probabilities, each row summing to 1
   */
  public float[][] predictProbabilities(float[][] features) {
    return run(features, probabilities);
  }

  private float[][] run(float[][] features, Operand<TFloat32> output) {
    int width = inputWidth();
    for (int i = 0; i < features.length; i++) {
      if (features[i].length != width) {
        throw new IllegalArgumentException(
            "row "
                + i
                + " has "
                + features[i].length
                + " values but the model takes "
                + width
                + " features per example");
      }
    }
    List<float[]> rows = new ArrayList<>(features.length);
    float[] chunk = new float[Math.min(PREDICT_CHUNK, Math.max(1, features.length)) * width];
    for (int from = 0; from < features.length; from += PREDICT_CHUNK) {
      int n = Math.min(PREDICT_CHUNK, features.length - from);
      for (int i = 0; i < n; i++) {
        System.arraycopy(features[from + i], 0, chunk, i * width, width);
      }
      try (TFloat32 x =
              TFloat32.tensorOf(
                  Shape.of(n, width),
                  DataBuffers.of(chunk, true, false).slice(0, (long) n * width));
          Result r = graph.session().runner().feed(input, x).fetch(output).run()) {
        TFloat32 y = (TFloat32) r.get(0);
        int columns = (int) y.shape().get(1);
        float[] flat = new float[n * columns];
        y.copyTo(DataBuffers.of(flat, false, false));
        for (int i = 0; i < n; i++) {
          float[] row = new float[columns];
          System.arraycopy(flat, i * columns, row, 0, columns);
          rows.add(row);
        }
      }
    }
    return rows.toArray(new float[0][]);
  }

  /** Collects the endpoints of a {@link ClassifierGraph}; see the getters for what each is. */
  public static final class Builder {
    private final ModelGraph graph;
    private Placeholder<TFloat32> input;
    private Placeholder<TInt32> labels;
    private Operand<TFloat32> logits;
    private Operand<TFloat32> probabilities;
    private Operand<TFloat32> hidden;
    private int hiddenUnits;
    private int numClasses;
    private Operand<TFloat32> loss;
    private Operand<TFloat32> taskLoss;
    private Op trainStep;
    private AdamConfig optimizer;
    private List<Variable<TFloat32>> variables;
    private Map<String, Operand<TFloat32>> exampleSums = Map.of();
    private Map<String, Operand<TFloat32>> extraOutputs = Map.of();

    private Builder(ModelGraph graph) {
      this.graph = graph;
    }

    /**
     * @param input the input placeholder [batch, features]
     * @param labels the label placeholder [batch]
     * @return this builder
     */
    public Builder inputs(Placeholder<TFloat32> input, Placeholder<TInt32> labels) {
      this.input = input;
      this.labels = labels;
      return this;
    }

    /**
     * @param logits class scores [batch, numClasses]
     * @param probabilities their softmax [batch, numClasses]
     * @param numClasses number of classes
     * @return this builder
     */
    public Builder outputs(
        Operand<TFloat32> logits, Operand<TFloat32> probabilities, int numClasses) {
      this.logits = logits;
      this.probabilities = probabilities;
      this.numClasses = numClasses;
      return this;
    }

    /**
     * @param hidden the sparse representation [batch, ...]
     * @param hiddenUnits its units per example
     * @return this builder
     */
    public Builder hidden(Operand<TFloat32> hidden, int hiddenUnits) {
      this.hidden = hidden;
      this.hiddenUnits = hiddenUnits;
      return this;
    }

    /**
     * @param loss the training objective, a scalar
     * @param taskLoss the mean cross-entropy alone, a scalar (the loss itself when it has no
     *     penalty)
     * @return this builder
     */
    public Builder loss(Operand<TFloat32> loss, Operand<TFloat32> taskLoss) {
      this.loss = loss;
      this.taskLoss = taskLoss;
      return this;
    }

    /**
     * @param trainStep one optimiser step on the loss
     * @param optimizer the settings it was built with
     * @param variables the variables it trains
     * @return this builder
     */
    public Builder training(
        Op trainStep, AdamConfig optimizer, List<Variable<TFloat32>> variables) {
      this.trainStep = trainStep;
      this.optimizer = optimizer;
      this.variables = variables;
      return this;
    }

    /**
     * @param exampleSums per-example quantities, each as its sum over the batch, by name
     * @return this builder
     */
    public Builder exampleSums(Map<String, Operand<TFloat32>> exampleSums) {
      this.exampleSums = Objects.requireNonNull(exampleSums);
      return this;
    }

    /**
     * @param extraOutputs further outputs an export serves, by signature name
     * @return this builder
     */
    public Builder extraOutputs(Map<String, Operand<TFloat32>> extraOutputs) {
      this.extraOutputs = Objects.requireNonNull(extraOutputs);
      return this;
    }

    /**
     * @return the classifier
     * @throws IllegalStateException naming an endpoint that was not set
     */
    public ClassifierGraph build() {
      return new ClassifierGraph(this);
    }
  }
}
