package org.sparsecode.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.Value;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparsecode.testing.EventFiles;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/**
 * Event files written without a graph, read back with their checksums, HParams fields decoded by
 * number.
 */
class EventFileWriterTest {
  @Test
  void scalarsImagesAndHParamsReadBack(@TempDir Path tmp) throws IOException {
    Map<String, Object> hparams = new LinkedHashMap<>();
    hparams.put("lambda", 1e-5);
    hparams.put("decoder", "subpixel");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
    try (EventFileWriter w = new EventFileWriter(tmp, "test")) {
      w.scalar("a/b", 3, 0.25);
      w.scalar("a/b", 7, 1.5);
      w.image("atoms", 7, png, 29, 58);
      w.hparamsSession("blog-ae", hparams, 1234.5);
      w.pluginSummary(
          HParamsPluginData.EXPERIMENT_TAG,
          HParamsPluginData.PLUGIN,
          HParamsPluginData.experiment("blog-ae", hparams, List.of("final/test_accuracy")));
    }
    List<Event> events = EventFiles.readAll(tmp);
    assertEquals("brain.Event:2", events.get(0).getFileVersion());
    assertEquals(Map.of(3L, 0.25f, 7L, 1.5f), EventFiles.scalars(events).get("a/b"));
    Summary.Image image = EventFiles.values(events, "atoms").get(0).getImage();
    assertEquals(29, image.getWidth());
    assertEquals(58, image.getHeight());
    assertArrayEquals(png, image.getEncodedImageString().toByteArray());

    // Session start: HParamsPluginData{version = 1 (0), session_start_info = 3 {hparams = 1 (map),
    // group = 4, start = 5}}.
    Summary.Value start = EventFiles.values(events, HParamsPluginData.SESSION_START_TAG).get(0);
    assertEquals("hparams", start.getMetadata().getPluginData().getPluginName());
    Map<Integer, List<Object>> data =
        EventFiles.fields(start.getMetadata().getPluginData().getContent().toByteArray());
    assertEquals(0L, data.get(1).get(0));
    Map<Integer, List<Object>> info = EventFiles.fields((byte[]) data.get(3).get(0));
    assertEquals(
        "blog-ae",
        new String((byte[]) info.get(4).get(0), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(1234.5, (Double) info.get(5).get(0), 0);
    Map<String, Value> decoded = new LinkedHashMap<>();
    for (Object entry : info.get(1)) {
      Map<Integer, List<Object>> kv = EventFiles.fields((byte[]) entry);
      decoded.put(
          new String((byte[]) kv.get(1).get(0), java.nio.charset.StandardCharsets.UTF_8),
          Value.parseFrom((byte[]) kv.get(2).get(0)));
    }
    assertEquals(1e-5, decoded.get("lambda").getNumberValue(), 0);
    assertEquals("subpixel", decoded.get("decoder").getStringValue());

    // Session end: field 4 {status = 1 (STATUS_SUCCESS = 1)}.
    Summary.Value end = EventFiles.values(events, HParamsPluginData.SESSION_END_TAG).get(0);
    Map<Integer, List<Object>> endInfo =
        EventFiles.fields(
            (byte[])
                EventFiles.fields(end.getMetadata().getPluginData().getContent().toByteArray())
                    .get(4)
                    .get(0));
    assertEquals(1L, endInfo.get(1).get(0));

    // Experiment: field 2 {hparam_infos = 4 {name = 1, type = 4}, metric_infos = 5 {name = 1 {tag =
    // 2}}}.
    Summary.Value experiment = EventFiles.values(events, HParamsPluginData.EXPERIMENT_TAG).get(0);
    Map<Integer, List<Object>> exp =
        EventFiles.fields(
            (byte[])
                EventFiles.fields(
                        experiment.getMetadata().getPluginData().getContent().toByteArray())
                    .get(2)
                    .get(0));
    Map<Integer, List<Object>> first = EventFiles.fields((byte[]) exp.get(4).get(0));
    Map<Integer, List<Object>> second = EventFiles.fields((byte[]) exp.get(4).get(1));
    assertEquals(
        "lambda",
        new String((byte[]) first.get(1).get(0), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(3L, first.get(4).get(0)); // DATA_TYPE_FLOAT64
    assertEquals(1L, second.get(4).get(0)); // DATA_TYPE_STRING
    Map<Integer, List<Object>> metric =
        EventFiles.fields((byte[]) EventFiles.fields((byte[]) exp.get(5).get(0)).get(1).get(0));
    assertEquals(
        "final/test_accuracy",
        new String((byte[]) metric.get(2).get(0), java.nio.charset.StandardCharsets.UTF_8));
  }
}
