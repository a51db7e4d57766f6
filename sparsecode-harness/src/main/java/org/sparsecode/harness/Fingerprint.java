package org.sparsecode.harness;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What decides a trial's numbers, hashed: the model's graph as built, the resolved parameters, the
 * data, the sampler and seed scheme, the library versions and, for tables built on other tables'
 * trials, those trials' fingerprints. A stored result whose fingerprint differs from the one the
 * current code and sweep file give is stale: its numbers may no longer be what the code computes.
 *
 * <p>Each part is kept beside the combined {@link #value()} so that a stale trial can say what
 * changed. {@code versions} stays readable text for the same reason.
 *
 * @param graph hash of the canonical graph ({@code none} for trials without a TensorFlow graph)
 * @param params hash of the resolved parameters
 * @param data hash of the data's identity (checksums, split sizes, generated content)
 * @param scheme version of the sampler and seed scheme and of the Java-side numerics
 * @param versions TensorFlow, TensorFlow Java and classifier library versions
 * @param inputs hash of the fingerprints of the trials this one reads ({@code none} if none)
 */
public record Fingerprint(
    String graph, String params, String data, String scheme, String versions, String inputs) {

  public static final String NONE = "none";

  public Fingerprint {
    Objects.requireNonNull(graph, "graph");
    Objects.requireNonNull(params, "params");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(versions, "versions");
    Objects.requireNonNull(inputs, "inputs");
  }

  /** The combined hash of every part. */
  public String value() {
    return sha256(String.join("\n", graph, params, data, scheme, versions, inputs));
  }

  /** The parts, by the names the result file uses, {@code value} first. */
  public Map<String, String> toMap() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("value", value());
    m.put("graph", graph);
    m.put("params", params);
    m.put("data", data);
    m.put("scheme", scheme);
    m.put("versions", versions);
    m.put("inputs", inputs);
    return m;
  }

  /**
   * Reads {@link #toMap()}'s form back.
   *
   * @throws IllegalArgumentException when a part is missing or the value does not match the parts
   */
  public static Fingerprint fromMap(Map<?, ?> m) {
    List<String> parts = new ArrayList<>();
    for (String key : List.of("graph", "params", "data", "scheme", "versions", "inputs")) {
      Object v = m.get(key);
      if (v == null) {
        throw new IllegalArgumentException("fingerprint has no '" + key + "'");
      }
      parts.add(v.toString());
    }
    Fingerprint f =
        new Fingerprint(
            parts.get(0), parts.get(1), parts.get(2), parts.get(3), parts.get(4), parts.get(5));
    Object value = m.get("value");
    if (value != null && !value.toString().equals(f.value())) {
      throw new IllegalArgumentException(
          "fingerprint value " + value + " does not match its parts");
    }
    return f;
  }

  /**
   * The parts that differ from {@code now}, e.g. "graph, versions (tensorflow 2.18.0 -> 2.19.0)".
   */
  public String differences(Fingerprint now) {
    List<String> d = new ArrayList<>();
    if (!graph.equals(now.graph)) {
      d.add("graph");
    }
    if (!params.equals(now.params)) {
      d.add("params");
    }
    if (!data.equals(now.data)) {
      d.add("data");
    }
    if (!scheme.equals(now.scheme)) {
      d.add("scheme (" + scheme + " -> " + now.scheme + ")");
    }
    if (!versions.equals(now.versions)) {
      d.add("versions (" + versions + " -> " + now.versions + ")");
    }
    if (!inputs.equals(now.inputs)) {
      d.add("inputs");
    }
    return String.join(", ", d);
  }

  /** Lower-case hex SHA-256 of the UTF-8 text. */
  public static String sha256(String text) {
    return sha256(text.getBytes(StandardCharsets.UTF_8));
  }

  public static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** A fresh SHA-256 digest (every Java platform has one). */
  public static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
