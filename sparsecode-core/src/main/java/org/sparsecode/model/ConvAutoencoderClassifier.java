package org.sparsecode.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sparsecode.nn.Conv2d;
import org.sparsecode.nn.ConvTranspose2d;
import org.sparsecode.nn.KernelNormClip;
import org.sparsecode.nn.Padding;
import org.sparsecode.nn.SubpixelShuffle;
import org.sparsecode.optim.AdamConfig;
import org.sparsecode.optim.DeterministicAdam;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The blog's CNN trained jointly with a convolutional sparse autoencoder (Doc 000 (c)): the conv
 * activations are both the classifier's hidden layer and the code a decoder maps back to the image.
 *
 * <p>Loss = mean cross-entropy + mean over the batch of each image's summed squared error + lambda
 * * sum of the code. After every step each decoder atom (the part of the decoder kernel that one
 * hidden map drives) is clipped to norm {@code maxKernelNorm}, the sparse-coding constraint {@code
 * ||D_i|| <= C}.
 */
public final class ConvAutoencoderClassifier {
  /** Name of the reconstruction output: float32 [batch, side*side]. */
  public static final String RECONSTRUCTION = "reconstruction";

  /** Per-pixel squared error on [0, 1]. */
  public static final String RECON_MSE = "recon_mse";

  /** Per-pixel squared error on the 0..255 scale, both images rounded to integers. */
  public static final String RECON_MSE_255 = "recon_mse_255";

  private ConvAutoencoderClassifier() {}

  /**
   * Builds the joint model trained by Adam at the default learning rate ({@link
   * AdamConfig#DEFAULT}).
   *
   * @param model the graph to build into
   * @param c the CNN whose activations are the code
   * @param decoder how the code is mapped back to the image
   * @param maxKernelNorm the bound C on each decoder atom's L2 norm, &gt; 0 (the blog: 1)
   * @return the classifier's endpoints, with the {@value #RECONSTRUCTION} output [batch, side*side]
   */
  public static ClassifierGraph build(
      ModelGraph model, CnnConfig c, Decoder decoder, float maxKernelNorm) {
    return build(model, c, decoder, maxKernelNorm, AdamConfig.DEFAULT);
  }

  /**
   * Builds the joint model with its train step: one Adam step, then the decoder atoms' norm clip.
   *
   * @param model the graph to build into
   * @param c the CNN whose activations are the code
   * @param decoder how the code is mapped back to the image
   * @param maxKernelNorm the bound C on each decoder atom's L2 norm, &gt; 0 (the blog: 1)
   * @param optimizer the training's optimiser settings
   * @return the classifier's endpoints, with the {@value #RECONSTRUCTION} output [batch, side*side]
   */
  public static ClassifierGraph build(
      ModelGraph model, CnnConfig c, Decoder decoder, float maxKernelNorm, AdamConfig optimizer) {
    return build(model, c, decoder, maxKernelNorm, optimizer, 100);
  }

  /**
   * The blog's autoencoder loss as its code logged it: the mean over a batch of each image's summed
   * squared error (for the buggy decoder, summed over its broadcast copies) plus lambda * the sum
   * of the batch's activations. As a per-example quantity that is {@code sse_i + lambda * B *
   * sum(a_i)}, B the training batch size, so its mean over any examples is the value on batches of
   * B.
   */
  public static final String LOSS_AE = "loss_ae";

  /**
   * As {@link #build(ModelGraph, CnnConfig, Decoder, float, AdamConfig)}, with the training batch
   * size B of {@link #LOSS_AE} (the blog's: 100).
   *
   * @param model the graph to build into
   * @param c the encoder's convolution, classes, lambda and initialisation
   * @param decoder how the code is mapped back to the image
   * @param maxKernelNorm the bound C on each decoder atom's L2 norm, &gt; 0 (the blog: 1)
   * @param optimizer the training's optimiser settings
   * @param lossAeBatch B, the training batch size, &gt; 0
   * @return the classifier's endpoints, with the {@value #RECONSTRUCTION} output [batch, side*side]
   */
  public static ClassifierGraph build(
      ModelGraph model,
      CnnConfig c,
      Decoder decoder,
      float maxKernelNorm,
      AdamConfig optimizer,
      int lossAeBatch) {
    if (!(maxKernelNorm > 0)) {
      throw new IllegalArgumentException(
          "max_kernel_norm must be > 0, got " + maxKernelNorm + " (the blog used 1)");
    }
    Ops tf = model.tf();
    CnnClassifier.Encoder e = CnnClassifier.encoder(tf, c);
    List<Variable<TFloat32>> variables = new ArrayList<>(e.variables());
    int r = c.stride();
    Operand<TFloat32> reconstruction;
    Operand<TFloat32> sse;
    Operand<TFloat32> sseImages;
    Variable<TFloat32> decoderKernel;
    int[] atomAxes;
    switch (decoder) {
      case CONV_TRANSPOSE, CONV_TRANSPOSE_BLOG_BUGS -> {
        boolean bugs = decoder == Decoder.CONV_TRANSPOSE_BLOG_BUGS;
        // The blog's buggy model has no decoder bias: the encoder's biases stand in for it.
        ConvTranspose2d layer =
            ConvTranspose2d.builder("decoder", c.filters(), 1)
                .kernel(c.kernel())
                .stride(r)
                .padding(Padding.SAME)
                .useBias(!bugs)
                .stddev(c.initStddev())
                .biasInit(c.biasInit())
                .seed(c.seed(), 3)
                .build(tf);
        variables.add(layer.kernel());
        if (!bugs) {
          variables.add(layer.bias());
        }
        decoderKernel = layer.kernel();
        // Kernel [k, k, out = 1, in = filters]: one atom per hidden map.
        atomAxes = KernelNormClip.CONV_TRANSPOSE_PER_INPUT_CHANNEL;
        Operand<TFloat32> decoded =
            layer.apply(tf, e.hidden(), ConvTranspose2d.Algorithm.TAP_PRODUCTS);
        if (bugs) {
          // Bug 1: adding the encoder's F biases b_c broadcasts the 1-channel output d to F copies,
          // each compared with the image x. Their summed error, sum_c (d + b_c - x)^2, equals
          // F (d - x)^2 + 2 (d - x) sum(b) + sum(b^2) without building the F copies.
          // Read through Identity: the C++ gradient of Square crashes on a variable reference.
          Operand<TFloat32> bias = tf.identity(e.convBias());
          Operand<TFloat32> diff = tf.math.sub(decoded, e.image4d());
          Operand<TFloat32> perPixel =
              tf.math.add(
                  tf.math.add(
                      tf.math.mul(tf.constant((float) c.filters()), tf.math.square(diff)),
                      tf.math.mul(
                          tf.math.mul(tf.constant(2f), diff), tf.reduceSum(bias, tf.constant(0)))),
                  tf.reduceSum(tf.math.square(bias), tf.constant(0)));
          sseImages = tf.reduceSum(perPixel, tf.constant(new int[] {1, 2, 3}));
          sse = tf.math.mean(sseImages, tf.constant(0));
          // What the buggy model "reconstructs": the mean of its F copies.
          reconstruction = tf.math.add(decoded, tf.math.mean(bias, tf.constant(0)));
        } else {
          reconstruction = decoded;
          sseImages = perImageSummedSquaredError(tf, decoded, e.image4d());
          sse = tf.math.mean(sseImages, tf.constant(0));
        }
      }
      case SUBPIXEL -> {
        Conv2d layer =
            Conv2d.builder("decoder", c.filters(), r * r)
                .kernel(c.kernel())
                .stride(1)
                .padding(Padding.SAME)
                .stddev(c.initStddev())
                .biasInit(c.biasInit())
                .seed(c.seed(), 3)
                .build(tf);
        variables.add(layer.kernel());
        variables.add(layer.bias());
        decoderKernel = layer.kernel();
        // Kernel [k, k, in = filters, out = r*r]: one atom per hidden map (a slice over its
        // inputs).
        atomAxes = new int[] {0, 1, 3};
        // Few output channels: tap products beat conv2d's patch matrix (Conv2d.Algorithm).
        reconstruction =
            new SubpixelShuffle(r)
                .apply(tf, layer.apply(tf, e.hidden(), Conv2d.Algorithm.TAP_PRODUCTS));
        sseImages = perImageSummedSquaredError(tf, reconstruction, e.image4d());
        sse = tf.math.mean(sseImages, tf.constant(0));
      }
      default -> throw new IllegalStateException("unknown decoder " + decoder);
    }
    // Bug 2 of the blog's model: the L1 term counted twice.
    Operand<TFloat32> penalty =
        decoder == Decoder.CONV_TRANSPOSE_BLOG_BUGS
            ? tf.math.mul(tf.constant(2f), e.penalty())
            : e.penalty();
    Operand<TFloat32> loss = tf.withName("loss").math.add(tf.math.add(e.taskLoss(), sse), penalty);

    Op adam =
        new DeterministicAdam(model.graph(), optimizer)
            .applyGradients(
                DeterministicAdam.gradients(model.graph(), loss, variables), "adam_step");
    Op clip =
        KernelNormClip.clip(
            tf.withControlDependencies(List.of(adam)), decoderKernel, atomAxes, maxKernelNorm);
    Op trainStep = tf.withName("train_step").withControlDependencies(List.of(clip)).noOp();

    return ClassifierGraph.builder(model)
        .inputs(e.images(), e.labels())
        .outputs(e.logits(), tf.withName("probabilities").nn.softmax(e.logits()), c.classes())
        .hidden(e.hidden(), c.hiddenUnits())
        .loss(loss, e.taskLoss())
        .training(trainStep, optimizer, variables)
        .exampleSums(
            Map.of(
                RECON_MSE,
                perImageSquaredError(tf, reconstruction, e.image4d(), 1f),
                RECON_MSE_255,
                perImageSquaredError(tf, reconstruction, e.image4d(), 255f),
                LOSS_AE,
                tf.reduceSum(
                    tf.math.add(
                        sseImages,
                        tf.math.mul(
                            tf.constant(c.lambda() * (float) lossAeBatch),
                            tf.reduceSum(e.hidden(), tf.constant(new int[] {1, 2, 3})))),
                    tf.constant(0))))
        .extraOutputs(
            Map.of(
                RECONSTRUCTION,
                tf.withName(RECONSTRUCTION)
                    .reshape(reconstruction, tf.constant(new int[] {-1, c.side() * c.side()}))))
        .build();
  }

  /** Each image's summed squared pixel error, [batch]. */
  static Operand<TFloat32> perImageSummedSquaredError(
      Ops tf, Operand<TFloat32> reconstruction, Operand<TFloat32> image) {
    return tf.reduceSum(
        tf.math.squaredDifference(reconstruction, image), tf.constant(new int[] {1, 2, 3}));
  }

  /**
   * Sum over the batch of each image's mean squared pixel error. With {@code scale} 255 both images
   * are first clipped to [0, 1], scaled and rounded to integers, as 8-bit images would be.
   */
  static Operand<TFloat32> perImageSquaredError(
      Ops tf, Operand<TFloat32> reconstruction, Operand<TFloat32> image, float scale) {
    Operand<TFloat32> a = reconstruction;
    Operand<TFloat32> b = image;
    if (scale != 1f) {
      a =
          tf.math.round(
              tf.math.mul(tf.clipByValue(a, tf.constant(0f), tf.constant(1f)), tf.constant(scale)));
      b = tf.math.round(tf.math.mul(b, tf.constant(scale)));
    }
    Operand<TFloat32> perImage =
        tf.math.mean(tf.math.squaredDifference(a, b), tf.constant(new int[] {1, 2, 3}));
    return tf.reduceSum(perImage, tf.constant(0));
  }
}
