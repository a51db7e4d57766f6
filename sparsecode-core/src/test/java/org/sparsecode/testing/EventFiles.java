package org.sparsecode.testing;

import com.google.protobuf.CodedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Reads TensorBoard event files back, checking TFRecord's checksums, for tests. */
public final class EventFiles {
  private EventFiles() {}

  /** Every event of every event file in {@code dir} (not its subfolders). */
  public static List<Event> readAll(Path dir) throws IOException {
    List<Event> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(p -> p.getFileName().toString().startsWith("events.out.tfevents"))
              .sorted()
              .toList()) {
        out.addAll(read(f));
      }
    }
    return out;
  }

  /**
   * TFRecord framing: length (8 bytes LE), its masked CRC-32C (4), payload, payload's masked
   * CRC-32C (4).
   */
  public static List<Event> read(Path file) throws IOException {
    List<Event> events = new ArrayList<>();
    try (InputStream in = Files.newInputStream(file);
        DataInputStream data = new DataInputStream(in)) {
      while (true) {
        byte[] header = new byte[8];
        try {
          data.readFully(header);
        } catch (EOFException end) {
          return events;
        }
        byte[] crc = new byte[4];
        data.readFully(crc);
        check(header, crc, file);
        long length = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getLong();
        byte[] payload = new byte[Math.toIntExact(length)];
        data.readFully(payload);
        data.readFully(crc);
        check(payload, crc, file);
        events.add(Event.parseFrom(payload));
      }
    }
  }

  /** Scalars by tag: step to value, in file order. */
  public static Map<String, Map<Long, Float>> scalars(List<Event> events) {
    Map<String, Map<Long, Float>> out = new LinkedHashMap<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.getValueCase() == Summary.Value.ValueCase.SIMPLE_VALUE) {
          out.computeIfAbsent(v.getTag(), t -> new LinkedHashMap<>())
              .put(e.getStep(), v.getSimpleValue());
        }
      }
    }
    return out;
  }

  /** The summary values with the given tag. */
  public static List<Summary.Value> values(List<Event> events, String tag) {
    List<Summary.Value> out = new ArrayList<>();
    for (Event e : events) {
      for (Summary.Value v : e.getSummary().getValueList()) {
        if (v.getTag().equals(tag)) {
          out.add(v);
        }
      }
    }
    return out;
  }

  /**
   * A protobuf message's fields by number, without its schema: varints as Long, fixed64 as the
   * double they hold, length-delimited fields as byte[] (repeated fields as a list).
   */
  public static Map<Integer, List<Object>> fields(byte[] message) throws IOException {
    Map<Integer, List<Object>> out = new LinkedHashMap<>();
    CodedInputStream in = CodedInputStream.newInstance(message);
    while (!in.isAtEnd()) {
      int tag = in.readTag();
      int field = tag >>> 3;
      Object value =
          switch (tag & 7) {
            case 0 -> in.readInt64();
            case 1 -> in.readDouble();
            case 2 -> in.readByteArray();
            case 5 -> in.readFloat();
            default -> throw new IOException("unexpected wire type " + (tag & 7));
          };
      out.computeIfAbsent(field, f -> new ArrayList<>()).add(value);
    }
    return out;
  }

  private static void check(byte[] data, byte[] crc, Path file) throws IOException {
    CRC32C c = new CRC32C();
    c.update(data);
    int v = (int) c.getValue();
    int masked = ((v >>> 15) | (v << 17)) + 0xa282ead8;
    if (ByteBuffer.wrap(crc).order(ByteOrder.LITTLE_ENDIAN).getInt() != masked) {
      throw new IOException(file + ": bad TFRecord checksum");
    }
  }
}
