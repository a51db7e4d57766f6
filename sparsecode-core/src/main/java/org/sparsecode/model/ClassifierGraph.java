package org.sparsecode.model;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The named endpoints of a classifier with one sparse hidden representation, as built into a
 * {@link ModelGraph}. Trainers, evaluators and exporters work on this, whatever the architecture.
 *
 * @param images input batch, shape [batch, features], float32 in [0, 1]
 * @param labels class indices, shape [batch]
 * @param hidden the representation whose sparsity is studied, shape [batch, ...]
 * @param hiddenUnits number of units in {@code hidden} per example
 * @param loss the training objective (task loss plus penalties), a scalar
 * @param taskLoss the task loss alone (mean cross-entropy), a scalar
 * @param trainStep one optimiser step on {@code loss}
 * @param variables the trained variables
 * @param exampleSums further per-example quantities to evaluate, each given as its sum over the
 *     batch (for example the reconstruction error of an autoencoder); evaluations report their
 *     mean per example under the same name
 * @param extraOutputs further outputs a SavedModel export serves beside logits, probabilities
 *     and hidden (for example an autoencoder's reconstruction), by signature name
 */
public record ClassifierGraph(
    Placeholder<TFloat32> images,
    Placeholder<TInt32> labels,
    Operand<TFloat32> logits,
    Operand<TFloat32> probabilities,
    Operand<TFloat32> hidden,
    int hiddenUnits,
    int numClasses,
    Operand<TFloat32> loss,
    Operand<TFloat32> taskLoss,
    Op trainStep,
    List<Variable<TFloat32>> variables,
    Map<String, Operand<TFloat32>> exampleSums,
    Map<String, Operand<TFloat32>> extraOutputs) {

  public ClassifierGraph {
    exampleSums = Map.copyOf(exampleSums);
    extraOutputs = Map.copyOf(extraOutputs);
  }
}
