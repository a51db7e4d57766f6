package org.sparsecode.model;

import java.util.List;
import java.util.Map;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.optim.LearningRate;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The named endpoints of an encoder trained without labels, as built into a {@link ModelGraph}.
 *
 * @param input input batch, float32 [batch, features], raw (any preprocessing is inside the graph);
 *     its op is named {@code features}
 * @param codes the learned representation [batch, codeUnits]
 * @param codeUnits width of {@code codes}
 * @param loss the training objective of a batch, a scalar
 * @param lossTerms the parts of {@code loss} by name (for logs and reports)
 * @param trainStep one optimiser step on a batch fed to {@code input}
 * @param learningRate the optimiser's rate, which a schedule may lower between steps
 * @param optimizer the settings the train step was built with (the rate starts at its learning
 *     rate)
 * @param variables the trained variables
 */
public record EncoderGraph(
    Placeholder<TFloat32> input,
    Operand<TFloat32> codes,
    int codeUnits,
    Operand<TFloat32> loss,
    Map<String, Operand<TFloat32>> lossTerms,
    Op trainStep,
    LearningRate learningRate,
    AdamConfig optimizer,
    List<Variable<TFloat32>> variables) {

  /**
   * Copies the maps and lists, so the endpoints cannot change afterwards.
   *
   * @param input float32 [batch, features], op name {@code features}
   * @param codes float32 [batch, codeUnits]
   * @param codeUnits width of the codes, &gt; 0
   * @param loss float32 scalar
   * @param lossTerms scalars by name; copied
   * @param trainStep one optimiser step
   * @param learningRate the optimiser's rate variable
   * @param optimizer the settings the train step was built with
   * @param variables the trained variables; copied
   */
  public EncoderGraph {
    lossTerms = Map.copyOf(lossTerms);
    variables = List.copyOf(variables);
  }
}
