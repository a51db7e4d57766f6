package org.sparsecode.model;

/**
 * The L1 sparse autoencoder baseline: the OVR-Encoder's code layer ({@code relu(z W + b)}, the same
 * initial weights) with a linear decoder, trained on {@code mean squared error of z + l1 * mean
 * over the batch of ||H_i||_1}.
 *
 * @param units hidden units
 * @param initStddev encoder weights N(0, initStddev^2), biases 0 (as the OVR-Encoder)
 * @param decoderStddev decoder weights N(0, decoderStddev^2), biases 0
 * @param l1 weight of the L1 penalty on the codes
 * @param learningRate Adam's initial rate
 * @param seed seed of the weight draws
 */
public record L1AutoencoderConfig(
    int units, float initStddev, float decoderStddev, float l1, float learningRate, long seed) {

  /** Checks every setting, with the fix in the message. */
  public L1AutoencoderConfig {
    if (units <= 0) {
      throw new IllegalArgumentException("units must be > 0, got " + units);
    }
    if (!(initStddev > 0) || Float.isInfinite(initStddev)) {
      throw new IllegalArgumentException(
          "init_stddev must be a finite number > 0, got " + initStddev);
    }
    if (!(decoderStddev > 0) || Float.isInfinite(decoderStddev)) {
      throw new IllegalArgumentException(
          "ae_decoder_stddev must be a finite number > 0, got "
              + decoderStddev
              + " (for example 0.01)");
    }
    if (!(l1 >= 0) || Float.isInfinite(l1)) {
      throw new IllegalArgumentException(
          "ae_l1 must be a finite number >= 0, got " + l1 + " (0 gives a plain autoencoder)");
    }
    if (!(learningRate > 0) || Float.isInfinite(learningRate)) {
      throw new IllegalArgumentException(
          "learning_rate must be a finite number > 0, got " + learningRate);
    }
  }
}
