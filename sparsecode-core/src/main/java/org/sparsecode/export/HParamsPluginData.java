package org.sparsecode.export;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Value;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The content of TensorBoard's HParams plugin summaries ({@code HParamsPluginData} of
 * tensorboard/plugins/hparams/plugin_data.proto), encoded by hand because TensorFlow Java does not
 * ship those protos. Field numbers, from that file and api.proto:
 *
 * <pre>
 * HParamsPluginData { int32 version = 1; Experiment experiment = 2; SessionStartInfo session_start_info = 3;
 *                     SessionEndInfo session_end_info = 4; }
 * SessionStartInfo  { map&lt;string, google.protobuf.Value&gt; hparams = 1; string group_name = 4; double start_time_secs = 5; }
 * SessionEndInfo    { Status status = 1 (STATUS_SUCCESS = 1); double end_time_secs = 2; }
 * Experiment        { string description = 1; repeated HParamInfo hparam_infos = 4; repeated MetricInfo metric_infos = 5; }
 * HParamInfo        { string name = 1; DataType type = 4 (DATA_TYPE_STRING = 1, DATA_TYPE_FLOAT64 = 3); }
 * MetricInfo        { MetricName name = 1; }   MetricName { string group = 1; string tag = 2; }
 * </pre>
 */
public final class HParamsPluginData {
  /** The plugin's name in the summary metadata. */
  public static final String PLUGIN = "hparams";

  /** Tag of the experiment summary, which lists the hyper-parameters and metrics. */
  public static final String EXPERIMENT_TAG = "_hparams_/experiment";

  /** Tag of a session's start summary, with its hyper-parameters. */
  public static final String SESSION_START_TAG = "_hparams_/session_start_info";

  /** Tag of a session's end summary. */
  public static final String SESSION_END_TAG = "_hparams_/session_end_info";

  static final int STATUS_SUCCESS = 1;
  static final int DATA_TYPE_STRING = 1;
  static final int DATA_TYPE_FLOAT64 = 3;

  private HParamsPluginData() {}

  /**
   * One session's hyper-parameters: numbers as numbers, anything else as its text.
   *
   * @param hparams the hyper-parameters by name
   * @param group the session group's name (the trial id)
   * @param startSeconds the session's start, seconds since the epoch
   * @return the serialized {@code HParamsPluginData} with its {@code session_start_info}
   */
  public static byte[] sessionStart(
      Map<String, Object> hparams, String group, double startSeconds) {
    byte[] info =
        message(
            out -> {
              for (Map.Entry<String, Object> e : hparams.entrySet()) {
                byte[] entry =
                    message(
                        m -> {
                          m.writeString(1, e.getKey());
                          m.writeMessage(2, value(e.getValue()));
                        });
                out.writeByteArray(1, entry);
              }
              out.writeString(4, group);
              out.writeDouble(5, startSeconds);
            });
    return pluginData(3, info);
  }

  /**
   * A session's end, with status success.
   *
   * @param endSeconds the session's end, seconds since the epoch
   * @return the serialized {@code HParamsPluginData} with its {@code session_end_info}
   */
  public static byte[] sessionEnd(double endSeconds) {
    return pluginData(
        4,
        message(
            out -> {
              out.writeEnum(1, STATUS_SUCCESS);
              out.writeDouble(2, endSeconds);
            }));
  }

  /**
   * The sweep's hyper-parameters (typed from the example values) and the metric tags the sessions
   * write, so that the HParams dashboard lists them.
   *
   * @param description shown by the dashboard
   * @param exampleHparams one session's hyper-parameters; a number makes a float64 column, anything
   *     else a string column
   * @param metricTags the scalar tags the sessions write, for example {@code test/accuracy}
   * @return the serialized {@code HParamsPluginData} with its {@code experiment}
   */
  public static byte[] experiment(
      String description, Map<String, Object> exampleHparams, List<String> metricTags) {
    return pluginData(
        2,
        message(
            out -> {
              out.writeString(1, description);
              for (Map.Entry<String, Object> e : exampleHparams.entrySet()) {
                out.writeByteArray(
                    4,
                    message(
                        h -> {
                          h.writeString(1, e.getKey());
                          h.writeEnum(
                              4,
                              e.getValue() instanceof Number
                                  ? DATA_TYPE_FLOAT64
                                  : DATA_TYPE_STRING);
                        }));
              }
              for (String tag : metricTags) {
                out.writeByteArray(
                    5, message(m -> m.writeByteArray(1, message(n -> n.writeString(2, tag)))));
              }
            }));
  }

  static Value value(Object v) {
    return v instanceof Number n
        ? Value.newBuilder().setNumberValue(n.doubleValue()).build()
        : Value.newBuilder().setStringValue(String.valueOf(v)).build();
  }

  private static byte[] pluginData(int field, byte[] body) {
    return message(
        out -> {
          out.writeInt32(1, 0);
          out.writeByteArray(field, body);
        });
  }

  @FunctionalInterface
  private interface Body {
    void write(CodedOutputStream out) throws IOException;
  }

  private static byte[] message(Body body) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CodedOutputStream out = CodedOutputStream.newInstance(bytes);
      body.write(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
