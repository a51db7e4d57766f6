package org.sparsecode.experiment;

import static org.sparsecode.harness.TrialNames.Classifier.RECONSTRUCTIONS_FILE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.sparsecode.data.Splits;
import org.sparsecode.eval.Tensors;
import org.sparsecode.harness.Trial;
import org.sparsecode.io.AtomicFiles;
import org.sparsecode.model.ClassifierGraph;
import org.sparsecode.model.ConvAutoencoderClassifier;
import org.sparsecode.model.Decoder;
import org.sparsecode.model.ModelGraph;
import org.tensorflow.Result;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * The blog's CNN trained jointly with a convolutional sparse autoencoder (Doc 000 (c)). Trial
 * parameters: those of {@link CnnExperiment}, plus {@code decoder} (conv_transpose, subpixel or
 * conv_transpose_blog_bugs) and {@code max_kernel_norm}.
 *
 * <p>Artifact: {@code reconstructions.f32}, the first {@link #SAMPLES} test images then their
 * reconstructions, float32 little-endian, row-major, for the reconstruction figure.
 */
public final class ConvAutoencoderExperiment extends ClassifierExperiment {
  public static final int SAMPLES = 8;

  @Override
  public String model() {
    return "cnn_ae";
  }

  @Override
  protected ClassifierGraph build(ModelGraph graph, Trial trial, Splits data) {
    return ConvAutoencoderClassifier.build(
        graph,
        CnnConfigs.from(trial, data),
        Decoder.parse(trial.stringParam("decoder")),
        (float) trial.doubleParam("max_kernel_norm"),
        optimizer(trial),
        trial.intParam("batch"));
  }

  @Override
  protected void writeArtifacts(ModelGraph graph, ClassifierGraph model, Splits data, Path dir)
      throws IOException {
    int n = Math.min(SAMPLES, data.test().size());
    int width = data.test().featureSize();
    float[] originals = new float[n * width];
    float[] reconstructions = new float[n * width];
    System.arraycopy(data.test().features(), 0, originals, 0, n * width);
    try (TFloat32 x = Tensors.features(data.test(), 0, n);
        Result r =
            graph
                .session()
                .runner()
                .feed(model.input(), x)
                .fetch(model.extraOutputs().get(ConvAutoencoderClassifier.RECONSTRUCTION))
                .run()) {
      ((TFloat32) r.get(0)).copyTo(DataBuffers.of(reconstructions, false, false));
    }
    ByteBuffer bytes =
        ByteBuffer.allocate(2 * n * width * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(originals).put(reconstructions);
    AtomicFiles.write(dir.resolve(RECONSTRUCTIONS_FILE), out -> out.write(bytes.array()));
  }
}
