package org.sparsecode.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.zip.CRC32C;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;
import org.tensorflow.proto.SummaryMetadata;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Writes a TensorBoard event file without a TensorFlow graph: scalars, PNG images and the HParams
 * plugin's summaries, for experiments whose work happens outside a training graph (LCA inference
 * and Hebbian learning, encoder epochs, finished trials). The file is a TFRecord stream of {@code
 * Event} protos: each record is its length (8 bytes, little-endian), the masked CRC-32C of the
 * length, the payload and the masked CRC-32C of the payload. Each event is flushed as written;
 * close the writer to close the file.
 */
public final class EventFileWriter implements AutoCloseable {
  private final OutputStream out;

  /**
   * Creates {@code logDir/events.out.tfevents.<seconds>.sparsecode.<suffix>} and writes the version
   * event.
   *
   * @param logDir the folder, created if missing
   * @param suffix ends the file name, so that writers in one folder do not collide
   * @throws IOException when the folder or file cannot be created or written
   */
  public EventFileWriter(Path logDir, String suffix) throws IOException {
    Files.createDirectories(logDir);
    Path file =
        logDir.resolve(
            String.format(
                "events.out.tfevents.%d.sparsecode.%s", System.currentTimeMillis() / 1000, suffix));
    out =
        Files.newOutputStream(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    write(Event.newBuilder().setWallTime(now()).setFileVersion("brain.Event:2").build());
  }

  /**
   * One scalar (TensorBoard's Scalars tab).
   *
   * @param tag the chart's name, for example {@code train/loss}
   * @param step the x coordinate, usually the training step
   * @param value the value; stored as float32
   * @throws IOException when the event cannot be written
   */
  public void scalar(String tag, long step, double value) throws IOException {
    summary(step, Summary.Value.newBuilder().setTag(tag).setSimpleValue((float) value).build());
  }

  /**
   * A PNG image of {@code width} x {@code height} pixels (TensorBoard's Images tab).
   *
   * @param tag the image's name
   * @param step the x coordinate, usually the training step
   * @param png the encoded PNG bytes
   * @param width the image's width in pixels
   * @param height the image's height in pixels
   * @throws IOException when the event cannot be written
   */
  public void image(String tag, long step, byte[] png, int width, int height) throws IOException {
    summary(
        step,
        Summary.Value.newBuilder()
            .setTag(tag)
            .setImage(
                Summary.Image.newBuilder()
                    .setWidth(width)
                    .setHeight(height)
                    .setEncodedImageString(com.google.protobuf.ByteString.copyFrom(png)))
            .build());
  }

  /**
   * A value for a TensorBoard plugin that reads its data from the summary metadata (as the HParams
   * plugin does): the tag, the plugin's name and its serialized content, over a scalar 0 tensor.
   *
   * @param tag the summary's tag, for example {@link HParamsPluginData#EXPERIMENT_TAG}
   * @param plugin the plugin's name, for example {@link HParamsPluginData#PLUGIN}
   * @param content the plugin's serialized data
   * @throws IOException when the event cannot be written
   */
  public void pluginSummary(String tag, String plugin, byte[] content) throws IOException {
    SummaryMetadata metadata =
        SummaryMetadata.newBuilder()
            .setPluginData(
                SummaryMetadata.PluginData.newBuilder()
                    .setPluginName(plugin)
                    .setContent(com.google.protobuf.ByteString.copyFrom(content)))
            .build();
    TensorProto zero =
        TensorProto.newBuilder()
            .setDtype(DataType.DT_FLOAT)
            .setTensorShape(TensorShapeProto.getDefaultInstance())
            .addFloatVal(0f)
            .build();
    summary(
        0, Summary.Value.newBuilder().setTag(tag).setMetadata(metadata).setTensor(zero).build());
  }

  /**
   * The HParams plugin's record of one session (trial): its hyper-parameters, then its end.
   *
   * @param group the session group's name (the trial id), shown by the dashboard
   * @param hparams the hyper-parameters by name; numbers stay numbers, anything else becomes text
   * @param startSeconds the session's start, seconds since the epoch
   * @throws IOException when the events cannot be written
   */
  public void hparamsSession(String group, Map<String, Object> hparams, double startSeconds)
      throws IOException {
    pluginSummary(
        HParamsPluginData.SESSION_START_TAG,
        HParamsPluginData.PLUGIN,
        HParamsPluginData.sessionStart(hparams, group, startSeconds));
    pluginSummary(
        HParamsPluginData.SESSION_END_TAG,
        HParamsPluginData.PLUGIN,
        HParamsPluginData.sessionEnd(now()));
  }

  private void summary(long step, Summary.Value value) throws IOException {
    write(
        Event.newBuilder()
            .setWallTime(now())
            .setStep(step)
            .setSummary(Summary.newBuilder().addValue(value))
            .build());
  }

  private void write(Event event) throws IOException {
    byte[] payload = event.toByteArray();
    byte[] length =
        ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(payload.length).array();
    out.write(length);
    out.write(maskedCrc(length));
    out.write(payload);
    out.write(maskedCrc(payload));
    out.flush();
  }

  /** TFRecord's checksum: CRC-32C, rotated right by 15 bits plus a constant. */
  static byte[] maskedCrc(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    int c = (int) crc.getValue();
    int masked = ((c >>> 15) | (c << 17)) + 0xa282ead8;
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(masked).array();
  }

  private static double now() {
    return System.currentTimeMillis() / 1000.0;
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
