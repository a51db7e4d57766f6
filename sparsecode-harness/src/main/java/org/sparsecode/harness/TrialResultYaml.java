package org.sparsecode.harness;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The YAML form of one {@link TrialResult}. Written by hand through plain maps (not bean
 * reflection) so that the file stays readable and stable when the records gain methods. Doubles are
 * written with Double.toString (or .nan/.inf), which reads back bit for bit. The last key, {@code
 * complete: true}, shows a file was not cut short by a bad copy.
 */
final class TrialResultYaml {
  private TrialResultYaml() {}

  static final int FORMAT = 1;
  private static final String HEADER =
      "# sparsecode trial result. Delete this file to run the trial again.\n";

  /** A parsed file: the result (its trial as stored) and the budget it was run under. */
  record Parsed(TrialResult result, String budget) {}

  static String write(TrialResult r, String budget) {
    Trial t = r.trial();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("table", t.table());
    m.put("budget", budget);
    m.put("trial", t.id());
    m.put("index", t.index());
    m.put("params", new LinkedHashMap<>(t.params()));
    m.put("status", r.status().name());
    m.put("message", r.message());
    Map<String, Double> metrics = new LinkedHashMap<>();
    // a missing value is written as NaN, which is what TrialResult.metric() reports for it anyway
    r.metrics().forEach((k, v) -> metrics.put(k, v == null ? Double.NaN : v));
    m.put("metrics", metrics);
    RunProvenance p = r.provenance();
    if (p != null) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("git_commit", p.gitCommit());
      pm.put("tensorflow_version", p.tensorflowVersion());
      pm.put("seed", p.seed());
      pm.put("jvm", p.jvm());
      pm.put("os", p.os());
      pm.put("cpu_model", p.cpuModel());
      pm.put("intra_op_threads", p.intraOpThreads());
      pm.put("inter_op_threads", p.interOpThreads());
      pm.put("start_time", p.startTime());
      pm.put("wall_seconds", p.wallSeconds());
      m.put("provenance", pm);
    }
    if (r.fingerprint() != null) {
      m.put("fingerprint", new LinkedHashMap<>(r.fingerprint().toMap()));
    }
    m.put("complete", true);
    return HEADER + yaml().dump(m);
  }

  static Parsed read(Path file, String text) {
    Object root;
    try {
      root = yaml().load(text);
    } catch (YAMLException e) {
      throw corrupt(file, "not valid YAML: " + e.getMessage().replace('\n', ' '));
    }
    if (!(root instanceof Map<?, ?> m)) {
      throw corrupt(file, root == null ? "empty" : "not a mapping");
    }
    if (!Boolean.TRUE.equals(m.get("complete"))) {
      throw corrupt(file, "truncated (no 'complete: true' at the end)");
    }
    Object format = m.get("format");
    if (!(format instanceof Integer f) || f != FORMAT) {
      throw corrupt(file, "format " + format + " is not " + FORMAT);
    }
    String table = string(m, "table", file);
    String budget = string(m, "budget", file);
    String id = string(m, "trial", file);
    int index = (int) number(m.get("index"), "index", file).longValue();
    Map<String, Object> params = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map(m, "params", file).entrySet()) {
      params.put(String.valueOf(e.getKey()), Values.normalize(e.getValue()));
    }
    TrialResult.Status status;
    try {
      status = TrialResult.Status.valueOf(string(m, "status", file));
    } catch (IllegalArgumentException e) {
      throw corrupt(file, "unknown status '" + m.get("status") + "'");
    }
    Object message = m.get("message");
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map(m, "metrics", file).entrySet()) {
      String name = String.valueOf(e.getKey());
      metrics.put(name, number(e.getValue(), "metrics." + name, file).doubleValue());
    }
    RunProvenance provenance = null;
    if (m.get("provenance") != null) {
      Map<?, ?> p = map(m, "provenance", file);
      provenance =
          new RunProvenance(
              text(p.get("git_commit")),
              text(p.get("tensorflow_version")),
              number(p.get("seed"), "provenance.seed", file).longValue(),
              text(p.get("jvm")),
              text(p.get("os")),
              text(p.get("cpu_model")),
              number(p.get("intra_op_threads"), "provenance.intra_op_threads", file).intValue(),
              number(p.get("inter_op_threads"), "provenance.inter_op_threads", file).intValue(),
              text(p.get("start_time")),
              number(p.get("wall_seconds"), "provenance.wall_seconds", file).doubleValue());
    }
    Fingerprint fingerprint = null;
    if (m.get("fingerprint") != null) {
      try {
        fingerprint = Fingerprint.fromMap(map(m, "fingerprint", file));
      } catch (IllegalArgumentException e) {
        throw corrupt(file, e.getMessage());
      }
    }
    Trial trial = new Trial(table, index, id, params);
    return new Parsed(
        new TrialResult(
            trial,
            status,
            message == null ? "" : message.toString(),
            metrics,
            provenance,
            fingerprint),
        budget);
  }

  static HarnessException corrupt(Path file, String why) {
    return new HarnessException(
        "result file " + file + " is corrupt (" + why + "); delete it to rerun that trial");
  }

  private static Yaml yaml() {
    DumperOptions d = new DumperOptions();
    d.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    d.setWidth(1000);
    d.setAllowUnicode(true);
    return new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(d), d);
  }

  private static String string(Map<?, ?> m, String key, Path file) {
    Object v = m.get(key);
    if (v == null) {
      throw corrupt(file, "missing '" + key + "'");
    }
    return v.toString();
  }

  private static String text(Object v) {
    return v == null ? null : v.toString();
  }

  private static Map<?, ?> map(Map<?, ?> m, String key, Path file) {
    Object v = m.get(key);
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map<?, ?> mm)) {
      throw corrupt(file, "'" + key + "' is not a mapping");
    }
    return mm;
  }

  private static Number number(Object raw, String key, Path file) {
    Object v = Values.normalize(raw);
    if (v instanceof Number n) {
      return n;
    }
    throw corrupt(
        file, "'" + key + "' is " + (raw == null ? "missing" : "'" + raw + "'") + ", not a number");
  }
}
