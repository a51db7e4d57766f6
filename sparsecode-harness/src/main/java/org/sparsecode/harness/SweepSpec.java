package org.sparsecode.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * One table's sweep, read from {@code harness/<table>.yaml}: default params, named budgets (quick,
 * full, ...), the grid to expand and the document's published numbers.
 *
 * <p>Trials expand in a fixed order (first grid key slowest, values in the order written) so that
 * trial indices, shards and resumed runs agree across machines.
 *
 * <p>{@code grid:} may also be a list of grids, expanded one after the other, for sweeps whose
 * parts vary different parameters (for example one model at several lambdas, the baselines once). A
 * key that one grid of the list leaves out takes its value from {@code params}. A grid of the list
 * may also hold a {@code params:} mapping of its own: fixed values for its trials only (for example
 * wider classifier grids for some features), over the defaults and the budget. They do not enter
 * trial ids, so one grid's settings can change without renaming its trials.
 *
 * <p>{@code seeds:} (a list of whole numbers) runs every grid point once per seed, setting the
 * {@code seed} param. The first seed's trials keep the plain ids (so a sweep that gains seeds keeps
 * its results); the others add {@code __seed_<n>}. Trials expand seed by seed: the first seed's
 * pass is the sweep without {@code seeds:}.
 *
 * <p>To give the extra seeds to some grid points only, {@code seeds:} is a mapping instead:
 *
 * <pre>
 * seeds:
 *   values: [1, 2, 3]
 *   only:                 # the points that run every seed; the others run the first seed only
 *     - {decoder: conv_transpose_blog_bugs}
 *     - {decoder: [conv_transpose, subpixel], lambda: [0, 1.0e-5]}
 * </pre>
 *
 * A point runs every seed when it matches one selector of {@code only}: each key of the selector is
 * a grid key, and the point's value of it (from its grid, or from {@code params} for a grid that
 * leaves the key out) is one of the selector's values. Every value must be one that some grid point
 * has, and every selector must match a point. The later seeds' passes keep the grid order, skipping
 * the points no selector matches.
 */
public final class SweepSpec {
  private static final Set<String> TOP_KEYS =
      Set.of("table", "title", "document", "model", "params", "budgets", "grid", "paper", "seeds");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

  /** The key of a grid (in a list of grids) that holds that grid's own fixed params. */
  private static final String GRID_PARAMS = "params";

  /** Separates grid points in a trial id; keys themselves may contain single underscores. */
  private static final String ID_SEPARATOR = "__";

  /** The part of a trial id that names a seed other than the first of {@code seeds:}. */
  private static final String SEED_ID = ID_SEPARATOR + "seed_";

  public static final String SEED = "seed";

  /** The keys of {@code seeds:} when it is a mapping. */
  private static final Set<String> SEEDS_KEYS = Set.of("values", "only");

  private final Path file;
  private final String table;
  private final String title;
  private final String document;
  private final String model;
  private final Map<String, Object> params;
  private final Map<String, Map<String, Object>> budgets;
  private final Map<String, List<Object>> grid;
  private final List<Map<String, List<Object>>> grids;

  /** Each grid's own fixed params (empty for most), parallel to {@link #grids}. */
  private final List<Map<String, Object>> gridParams;

  private final List<Map<String, Object>> paper;

  /** The seeds of {@code seeds:}, or empty when the file has none. */
  private final List<Long> seeds;

  /**
   * The selectors of {@code seeds.only}: the points that run every seed. Empty when every point
   * does.
   */
  private final List<Map<String, List<Object>>> seedsOnly;

  /** One trial's grid values (its id) and the fixed params of the grid it comes from. */
  private record Point(Map<String, Object> values, Map<String, Object> fixed) {}

  private SweepSpec(
      Path file,
      String table,
      String title,
      String document,
      String model,
      Map<String, Object> params,
      Map<String, Map<String, Object>> budgets,
      List<Map<String, List<Object>>> grids,
      List<Map<String, Object>> gridParams,
      List<Map<String, Object>> paper,
      List<Long> seeds,
      List<Map<String, List<Object>>> seedsOnly) {
    this.file = file;
    this.table = table;
    this.title = title;
    this.document = document;
    this.model = model;
    this.params = Collections.unmodifiableMap(params);
    this.budgets = Collections.unmodifiableMap(budgets);
    this.grids = List.copyOf(grids);
    this.gridParams = List.copyOf(gridParams);
    this.grid = Collections.unmodifiableMap(union(grids));
    this.paper = Collections.unmodifiableList(paper);
    this.seeds = List.copyOf(seeds);
    this.seedsOnly = List.copyOf(seedsOnly);
  }

  private SweepSpec withSeedsOnly(List<Map<String, List<Object>>> only) {
    return new SweepSpec(
        file,
        table,
        title,
        document,
        model,
        params,
        budgets,
        grids,
        gridParams,
        paper,
        seeds,
        only);
  }

  /** Reads {@code <harnessDir>/<table>.yaml}. */
  public static SweepSpec load(Path harnessDir, String table) {
    Path file = harnessDir.resolve(table + ".yaml");
    if (!Files.isRegularFile(file)) {
      List<String> names = listTableFiles(harnessDir).stream().map(p -> stem(p)).toList();
      String near = Names.closest(table, names).map(n -> "did you mean " + n + "? ").orElse("");
      throw new SpecException(
          "no spec for table '"
              + table
              + "': "
              + file
              + " does not exist; "
              + near
              + "known tables: "
              + (names.isEmpty() ? "(none)" : String.join(", ", names)));
    }
    return load(file);
  }

  /** All specs in {@code harnessDir} (files ending in .yaml, not recursive), sorted by table. */
  public static List<SweepSpec> listTables(Path harnessDir) {
    List<SweepSpec> specs = new ArrayList<>();
    for (Path p : listTableFiles(harnessDir)) {
      specs.add(load(p));
    }
    return specs;
  }

  private static List<Path> listTableFiles(Path harnessDir) {
    if (!Files.isDirectory(harnessDir)) {
      throw new SpecException(
          "harness directory " + harnessDir + " does not exist; run from the project root");
    }
    try (Stream<Path> s = Files.list(harnessDir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml"))
          .filter(Files::isRegularFile)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new SpecException("cannot list " + harnessDir + ": " + e.getMessage(), e);
    }
  }

  public static SweepSpec load(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new SpecException("spec file " + file + " does not exist");
    } catch (IOException e) {
      throw new SpecException("cannot read spec file " + file + ": " + e.getMessage(), e);
    }
    Object root;
    try {
      LoaderOptions options = new LoaderOptions();
      // A key written twice would otherwise let the last one win without a word.
      options.setAllowDuplicateKeys(false);
      root = new Yaml(new SafeConstructor(options)).load(text);
    } catch (DuplicateKeyException e) {
      throw new SpecException(
          file
              + ": "
              + e.getProblem()
              + " (line "
              + (e.getProblemMark().getLine() + 1)
              + "); keep one of the two",
          e);
    } catch (YAMLException e) {
      throw new SpecException(file + " is not valid YAML; fix the syntax: " + e.getMessage(), e);
    }
    return new Parser(file).parse(root);
  }

  public Path file() {
    return file;
  }

  public String table() {
    return table;
  }

  public String title() {
    return title;
  }

  public String document() {
    return document;
  }

  public String model() {
    return model;
  }

  /** Defaults for every trial, in file order. */
  public Map<String, Object> params() {
    return params;
  }

  /** Budget name to its entries (always with an int {@code steps}). */
  public Map<String, Map<String, Object>> budgets() {
    return budgets;
  }

  /**
   * Every grid key with the values the grid lists for it, in the order first seen (with a list of
   * grids: the union over them).
   */
  public Map<String, List<Object>> grid() {
    return grid;
  }

  /** The grids expanded one after the other: one, unless {@code grid:} is a list. */
  public List<Map<String, List<Object>>> grids() {
    return grids;
  }

  /** The fixed params of each grid of {@link #grids()} (empty where a grid has none). */
  public List<Map<String, Object>> gridParams() {
    return gridParams;
  }

  private static Map<String, List<Object>> union(List<Map<String, List<Object>>> grids) {
    Map<String, List<Object>> union = new LinkedHashMap<>();
    for (Map<String, List<Object>> g : grids) {
      for (Map.Entry<String, List<Object>> e : g.entrySet()) {
        List<Object> values = union.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
        for (Object v : e.getValue()) {
          if (values.stream().noneMatch(u -> Values.same(u, v))) {
            values.add(v);
          }
        }
      }
    }
    union.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return union;
  }

  /** The document's rows, each keyed by every grid key plus the published metrics. */
  public List<Map<String, Object>> paper() {
    return paper;
  }

  /** The seeds of {@code seeds:}; empty when the file has none (each trial's seed is its param). */
  public List<Long> seeds() {
    return seeds;
  }

  /**
   * The selectors of {@code seeds.only} (key to the values it accepts); empty when every grid point
   * runs every seed.
   */
  public List<Map<String, List<Object>>> seedsOnly() {
    return seedsOnly;
  }

  /**
   * The id of a trial's grid point, the same for all its seeds: the trial id without its seed part.
   */
  public static String pointId(String trialId) {
    int at = trialId.lastIndexOf(SEED_ID);
    return at < 0 ? trialId : trialId.substring(0, at);
  }

  public int steps(String budget) {
    return (Integer) budget(budget).get("steps");
  }

  /**
   * The trials of a budget in the fixed order. Params are the defaults, then the budget's entries,
   * then the grid's own params, then the grid point (later ones override earlier ones, keeping the
   * first position).
   */
  public List<Trial> expand(String budget) {
    Map<String, Object> budgetEntries = budget(budget);
    List<Point> points = gridPoints();
    List<Trial> trials = new ArrayList<>(points.size());
    List<Long> passes = seeds.isEmpty() ? java.util.Collections.singletonList(null) : seeds;
    for (int s = 0; s < passes.size(); s++) {
      for (Point point : points) {
        if (s > 0 && !runsEverySeed(point)) {
          continue;
        }
        Map<String, Object> p = new LinkedHashMap<>(params);
        p.putAll(budgetEntries);
        p.putAll(point.fixed());
        p.putAll(point.values());
        String id = trialId(point.values());
        if (passes.get(s) != null) {
          // as YAML reads a seed written in params (an Integer), so stored params compare equal
          p.put(SEED, Values.normalize(String.valueOf(passes.get(s))));
          id += s == 0 ? "" : SEED_ID + passes.get(s);
        }
        trials.add(new Trial(table, trials.size(), id, p));
      }
    }
    return trials;
  }

  /** True when the point matches a selector of {@code seeds.only}, or there is none. */
  private boolean runsEverySeed(Point point) {
    return seedsOnly.isEmpty() || seedsOnly.stream().anyMatch(sel -> matches(sel, point));
  }

  private boolean matches(Map<String, List<Object>> selector, Point point) {
    for (Map.Entry<String, List<Object>> e : selector.entrySet()) {
      Object v = value(point, e.getKey());
      if (e.getValue().stream().noneMatch(want -> Values.same(want, v))) {
        return false;
      }
    }
    return true;
  }

  /** A grid key's value at a point: its grid's, or the default of params for a grid without it. */
  private Object value(Point point, String key) {
    return point.values().containsKey(key) ? point.values().get(key) : params.get(key);
  }

  /** The document's published row for a trial, matching grid values numerically. */
  public Optional<Map<String, Object>> paperRow(Trial trial) {
    for (Map<String, Object> row : paper) {
      boolean match = true;
      for (String key : grid.keySet()) {
        if (!Values.same(row.get(key), trial.params().get(key))) {
          match = false;
          break;
        }
      }
      if (match) {
        return Optional.of(row);
      }
    }
    return Optional.empty();
  }

  /** Canonical text of a parameter value, as used in trial ids (1.0e-5 -> "1e-05"). */
  public static String formatValue(Object value) {
    return Values.canonical(value);
  }

  private Map<String, Object> budget(String budget) {
    Map<String, Object> b = budgets.get(budget);
    if (b == null) {
      throw new SpecException(
          file
              + ": unknown budget '"
              + budget
              + "'; choose one of "
              + budgets.keySet()
              + " or add it under 'budgets:'");
    }
    return b;
  }

  /** Each grid's Cartesian product (first key varying slowest), grid after grid. */
  private List<Point> gridPoints() {
    List<Point> all = new ArrayList<>();
    for (int i = 0; i < grids.size(); i++) {
      for (Map<String, Object> values : product(grids.get(i))) {
        all.add(new Point(values, gridParams.get(i)));
      }
    }
    return all;
  }

  private static List<Map<String, Object>> product(Map<String, List<Object>> grid) {
    List<Map<String, Object>> points = new ArrayList<>();
    points.add(new LinkedHashMap<>());
    for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> prefix : points) {
        for (Object v : e.getValue()) {
          Map<String, Object> p = new LinkedHashMap<>(prefix);
          p.put(e.getKey(), v);
          next.add(p);
        }
      }
      points = next;
    }
    return points;
  }

  /** "lambda_1e-05", or "lambda_1e-05__hidden_256" for several keys; stable and file-name safe. */
  static String trialId(Map<String, Object> point) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, Object> e : point.entrySet()) {
      String value = Values.canonical(e.getValue()).replaceAll("[^A-Za-z0-9.+-]", "-");
      parts.add(e.getKey() + "_" + value);
    }
    return String.join(ID_SEPARATOR, parts);
  }

  private static String stem(Path p) {
    String name = p.getFileName().toString();
    return name.endsWith(".yaml") ? name.substring(0, name.length() - 5) : name;
  }

  /** Validation, kept apart so each check can name the file, key and fix. */
  private static final class Parser {
    private final Path file;

    Parser(Path file) {
      this.file = file;
    }

    private SpecException error(String key, String problem, String fix) {
      return new SpecException(file + ": " + key + ": " + problem + "; " + fix);
    }

    SweepSpec parse(Object root) {
      if (!(root instanceof Map<?, ?> top)) {
        throw new SpecException(
            file + " must be a YAML mapping with keys table, model, params, budgets, grid, paper");
      }
      for (Object k : top.keySet()) {
        if (!TOP_KEYS.contains(String.valueOf(k))) {
          throw error(
              String.valueOf(k),
              "unknown key",
              "known keys are " + new java.util.TreeSet<>(TOP_KEYS));
        }
      }
      String table = requiredString(top, "table", "the file name without .yaml");
      if (!NAME.matcher(table).matches()) {
        throw error(
            "table",
            "'" + table + "' is not a safe folder name",
            "use letters, digits, '.', '_' or '-'");
      }
      if (!stem(file).equals(table)) {
        throw error(
            "table",
            "'" + table + "' differs from the file name",
            "rename the file to " + table + ".yaml or set table: " + stem(file));
      }
      String model = requiredString(top, "model", "the model to train, e.g. fc");
      String title = optionalString(top, "title");
      String document = optionalString(top, "document");

      Map<String, Object> params = scalars(mapping(top.get("params"), "params", true), "params");
      List<Map<String, Object>> gridParams = new ArrayList<>();
      List<Map<String, List<Object>>> grids = grids(top.get("grid"), params, gridParams);
      Map<String, List<Object>> grid = union(grids);
      Map<String, Map<String, Object>> budgets = budgets(top.get("budgets"), grid);
      List<Map<String, Object>> paper = paper(top.get("paper"), grid, params);
      Object rawSeeds = top.get("seeds");
      Object seedValues = rawSeeds;
      Object rawOnly = null;
      if (rawSeeds instanceof Map<?, ?> sm) {
        for (Object k : sm.keySet()) {
          if (!SEEDS_KEYS.contains(String.valueOf(k))) {
            throw error(
                "seeds." + k,
                "unknown key",
                "seeds: takes values (the seeds) and only (the grid points that run them all)");
          }
        }
        if (!sm.containsKey("values")) {
          throw error("seeds", "has no values", "add values: [1, 2, 3] under seeds:");
        }
        seedValues = sm.get("values");
        rawOnly = sm.get("only");
        if (rawOnly == null && sm.containsKey("only")) {
          throw error(
              "seeds.only",
              "has no selectors",
              "list the grid points that run every seed, e.g. - {lambda: [0]}, or remove only:");
        }
      }
      List<Long> seeds = seeds(seedValues, grid, rawSeeds instanceof Map<?, ?>);
      SweepSpec spec =
          new SweepSpec(
              file,
              table,
              title,
              document,
              model,
              params,
              budgets,
              grids,
              gridParams,
              paper,
              seeds,
              List.of());
      checkUniqueIds(spec);
      checkDistinctTrials(spec);
      // The selectors are checked against the grid points, so against the spec read so far.
      return rawOnly == null ? spec : spec.withSeedsOnly(only(rawOnly, spec));
    }

    private String requiredString(Map<?, ?> top, String key, String what) {
      Object v = top.get(key);
      if (v == null || v.toString().isBlank()) {
        throw error(key, "missing", "add '" + key + ": <" + what + ">'");
      }
      if (!(v instanceof String || v instanceof Number)) {
        throw error(key, "must be a single value", "write '" + key + ": <" + what + ">'");
      }
      return v.toString();
    }

    private String optionalString(Map<?, ?> top, String key) {
      Object v = top.get(key);
      return v == null ? "" : v.toString();
    }

    private Map<?, ?> mapping(Object v, String key, boolean optional) {
      if (v == null) {
        if (optional) {
          return Map.of();
        }
        throw error(key, "missing", "add a '" + key + ":' mapping");
      }
      if (!(v instanceof Map<?, ?> m)) {
        throw error(key, "must be a mapping of name: value", "indent entries under '" + key + ":'");
      }
      return m;
    }

    private String key(Object k, String where) {
      String s = String.valueOf(k);
      if (!KEY.matcher(s).matches()) {
        throw error(
            where + "." + s,
            "is not a valid parameter name",
            "use a letter followed by letters, digits or '_'");
      }
      return s;
    }

    /** A single value or, for list parameters (e.g. a classifier's C grid), a list of them. */
    private Object value(Object raw, String where) {
      if (raw instanceof List<?> list) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          out.add(scalar(list.get(i), where + "[" + i + "]"));
        }
        return Collections.unmodifiableList(out);
      }
      return scalar(raw, where);
    }

    private Object scalar(Object raw, String where) {
      if (raw == null) {
        throw error(where, "has no value", "give it a value or remove it");
      }
      if (!Values.isScalar(raw)) {
        throw error(
            where,
            "must be a single number, string or boolean",
            "to sweep several values move it to 'grid:' as a list");
      }
      return Values.normalize(raw);
    }

    private Map<String, Object> scalars(Map<?, ?> m, String where) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = key(e.getKey(), where);
        out.put(k, value(e.getValue(), where + "." + k));
      }
      return out;
    }

    /**
     * One grid, or a list of grids whose keys left out by some take their values from params. Each
     * grid's own fixed params (from a grid of the list) are added to {@code gridParams}.
     */
    private List<Map<String, List<Object>>> grids(
        Object raw, Map<String, Object> params, List<Map<String, Object>> gridParams) {
      if (!(raw instanceof List<?> list)) {
        gridParams.add(Map.of());
        return List.of(grid(raw, "grid", params, false));
      }
      if (list.isEmpty()) {
        throw error(
            "grid", "is an empty list", "give at least one grid, e.g. - {lambda: [0, 1.0e-5]}");
      }
      List<Map<String, List<Object>>> grids = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String name = "grid[" + i + "]";
        Map<Object, Object> axes = new LinkedHashMap<>(mapping(list.get(i), name, false));
        Object own = axes.remove(GRID_PARAMS);
        grids.add(grid(axes, name, params, true));
        gridParams.add(
            Collections.unmodifiableMap(
                scalars(mapping(own, name + "." + GRID_PARAMS, true), name + "." + GRID_PARAMS)));
      }
      Map<String, List<Object>> union = union(grids);
      for (int i = 0; i < grids.size(); i++) {
        for (String k : gridParams.get(i).keySet()) {
          if (union.containsKey(k)) {
            throw error(
                "grid[" + i + "]." + GRID_PARAMS + "." + k,
                "is also a grid key",
                "give it as a one-value list in that grid instead, e.g. " + k + ": [<value>]");
          }
        }
      }
      for (String k : union.keySet()) {
        for (int i = 0; i < grids.size(); i++) {
          if (!grids.get(i).containsKey(k) && !params.containsKey(k)) {
            throw error(
                "grid[" + i + "]",
                "gives no value for " + k + ", which another grid sweeps",
                "add " + k + " to params as the default of the grids that leave it out");
          }
        }
      }
      return grids;
    }

    /**
     * @param inList true for a grid in a list of grids, where a key may also be in params (the
     *     default of the other grids)
     */
    private Map<String, List<Object>> grid(
        Object raw, String name, Map<String, Object> params, boolean inList) {
      Map<?, ?> m = mapping(raw, name, false);
      if (m.isEmpty()) {
        throw error(
            name,
            "is empty",
            "add at least one key with a list of values, e.g. lambda: [0, 1.0e-5]");
      }
      Map<String, List<Object>> grid = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String k = key(e.getKey(), name);
        String where = name + "." + k;
        if (params.containsKey(k) && !inList) {
          throw error(
              where,
              "is also in params",
              "remove it from params (the grid gives its values) or from the grid");
        }
        if (!(e.getValue() instanceof List<?> list)) {
          throw error(where, "must be a list", "write " + k + ": [" + e.getValue() + "]");
        }
        if (list.isEmpty()) {
          throw error(where, "is an empty list", "give at least one value or remove the key");
        }
        List<Object> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
          Object v = scalar(list.get(i), where + "[" + i + "]");
          if (!seen.add(Values.canonical(v))) {
            throw error(
                where,
                "value " + Values.canonical(v) + " appears twice",
                "remove the duplicate (it would run the same trial twice)");
          }
          values.add(v);
        }
        grid.put(k, Collections.unmodifiableList(values));
      }
      return grid;
    }

    private Map<String, Map<String, Object>> budgets(Object raw, Map<String, List<Object>> grid) {
      Map<?, ?> m = mapping(raw, "budgets", false);
      if (m.isEmpty()) {
        throw error("budgets", "is empty", "add e.g. quick: {steps: 1000}");
      }
      Map<String, Map<String, Object>> budgets = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        String name = String.valueOf(e.getKey());
        String where = "budgets." + name;
        if (!NAME.matcher(name).matches()) {
          throw error(where, "is not a safe folder name", "use letters, digits, '.', '_' or '-'");
        }
        if (!(e.getValue() instanceof Map<?, ?> bm)) {
          throw error(where, "must be a mapping", "write " + name + ": {steps: 1000}");
        }
        Map<String, Object> entries = scalars(bm, where);
        if (!entries.containsKey("steps")) {
          throw error(where, "has no steps", "add steps: <number of training steps>");
        }
        for (String k : entries.keySet()) {
          if (grid.containsKey(k)) {
            throw error(
                where + "." + k,
                "is also a grid key",
                "remove it from the budget or from the grid");
          }
        }
        for (String k : List.of("steps", "eval_every")) {
          if (entries.containsKey(k)) {
            entries.put(k, positiveInt(entries.get(k), where + "." + k));
          }
        }
        budgets.put(name, Collections.unmodifiableMap(entries));
      }
      return budgets;
    }

    /**
     * {@code seeds: [1, 2, 3]} or {@code seeds.values}: distinct whole numbers, not also swept by
     * the grid.
     */
    private List<Long> seeds(Object raw, Map<String, List<Object>> grid, boolean inMapping) {
      if (raw == null) {
        return List.of();
      }
      String where = inMapping ? "seeds.values" : "seeds";
      if (!(raw instanceof List<?> list) || list.isEmpty()) {
        throw error(
            where,
            "must be a non-empty list of whole numbers",
            "write " + (inMapping ? "values" : "seeds") + ": [1, 2, 3]");
      }
      if (grid.containsKey(SEED)) {
        throw error("seeds", "and grid.seed both give seeds", "keep one of them");
      }
      List<Long> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        Object v = Values.normalize(list.get(i));
        if (!(v instanceof Number n)
            || n.doubleValue() != Math.rint(n.doubleValue())
            || n.doubleValue() < 0) {
          throw error(
              where + "[" + i + "]",
              "is " + list.get(i) + ", not a whole number >= 0",
              "write " + (inMapping ? "values" : "seeds") + ": [1, 2, 3]");
        }
        if (out.contains(n.longValue())) {
          throw error(where, "seed " + n.longValue() + " appears twice", "remove the duplicate");
        }
        out.add(n.longValue());
      }
      return out;
    }

    /**
     * {@code seeds.only}: a non-empty list of selectors, each a non-empty mapping from grid keys to
     * a value or list of values that grid points have; each selector must match some point.
     */
    private List<Map<String, List<Object>>> only(Object raw, SweepSpec spec) {
      String fix = "write only: [{" + spec.grid.keySet().iterator().next() + ": [<value>]}]";
      if (!(raw instanceof List<?> list) || list.isEmpty()) {
        throw error("seeds.only", "must be a non-empty list of grid-point selectors", fix);
      }
      List<Point> points = spec.gridPoints();
      List<Map<String, List<Object>>> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String name = "seeds.only[" + i + "]";
        Map<?, ?> m = mapping(list.get(i), name, false);
        if (m.isEmpty()) {
          throw error(name, "is empty", "name at least one grid key and its values");
        }
        Map<String, List<Object>> selector = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
          String k = String.valueOf(e.getKey());
          String where = name + "." + k;
          if (!spec.grid.containsKey(k)) {
            throw error(
                where,
                "is not a grid key",
                "select grid points by the grid keys " + spec.grid.keySet());
          }
          List<Object> have = new ArrayList<>();
          for (Point p : points) {
            Object v = spec.value(p, k);
            if (have.stream().noneMatch(h -> Values.same(h, v))) {
              have.add(v);
            }
          }
          List<?> raws = e.getValue() instanceof List<?> l ? l : List.of(e.getValue());
          if (raws.isEmpty()) {
            throw error(where, "is an empty list", "give at least one value or remove the key");
          }
          List<Object> values = new ArrayList<>();
          for (int j = 0; j < raws.size(); j++) {
            Object v = scalar(raws.get(j), where + "[" + j + "]");
            if (have.stream().noneMatch(h -> Values.same(h, v))) {
              throw error(
                  where,
                  Values.canonical(v) + " is no grid point's value",
                  "choose among "
                      + String.join(", ", have.stream().map(Values::canonical).toList()));
            }
            if (values.stream().anyMatch(u -> Values.same(u, v))) {
              throw error(
                  where, "value " + Values.canonical(v) + " appears twice", "remove the duplicate");
            }
            values.add(v);
          }
          selector.put(k, Collections.unmodifiableList(values));
        }
        if (points.stream().noneMatch(p -> spec.matches(selector, p))) {
          throw error(
              name,
              "matches no grid point (no grid has all these values together)",
              "fix the values or split it into one selector per grid");
        }
        out.add(Collections.unmodifiableMap(selector));
      }
      return out;
    }

    private int positiveInt(Object v, String where) {
      if (v instanceof Number n
          && n.doubleValue() == Math.rint(n.doubleValue())
          && n.doubleValue() >= 1
          && n.doubleValue() <= Integer.MAX_VALUE) {
        return n.intValue();
      }
      throw error(where, "is " + v + ", not a whole number >= 1", "give a positive whole number");
    }

    private List<Map<String, Object>> paper(
        Object raw, Map<String, List<Object>> grid, Map<String, Object> params) {
      if (raw == null) {
        return List.of();
      }
      if (!(raw instanceof List<?> rows)) {
        throw error(
            "paper",
            "must be a list of rows",
            "write - {" + grid.keySet().iterator().next() + ": ..., test_accuracy: ...}");
      }
      List<Map<String, Object>> out = new ArrayList<>();
      Map<String, Integer> seenPoints = new HashMap<>();
      for (int i = 0; i < rows.size(); i++) {
        String where = "paper[" + i + "]";
        if (!(rows.get(i) instanceof Map<?, ?> rm)) {
          throw error(
              where,
              "must be a mapping",
              "write {" + String.join(": ..., ", grid.keySet()) + ": ..., <metric>: ...}");
        }
        Map<String, Object> row = scalars(rm, where);
        List<String> pointParts = new ArrayList<>();
        for (String k : grid.keySet()) {
          if (!row.containsKey(k)) {
            throw error(
                where,
                "has no " + k,
                "paper rows are keyed by the grid keys "
                    + grid.keySet()
                    + "; add "
                    + k
                    + ": <value>");
          }
          Object v = row.get(k);
          if (grid.get(k).stream().noneMatch(g -> Values.same(g, v))
              && !(params.containsKey(k) && Values.same(params.get(k), v))) {
            throw error(
                where + "." + k,
                Values.canonical(v) + " is not a grid value",
                "add it to grid." + k + " or fix the row");
          }
          pointParts.add(k + "=" + Values.canonical(v));
        }
        for (Map.Entry<String, Object> e : row.entrySet()) {
          if (grid.containsKey(e.getKey())) {
            continue;
          }
          if (params.containsKey(e.getKey())) {
            throw error(
                where + "." + e.getKey(),
                "is a params key, not a grid key",
                "paper rows are keyed only by the grid keys "
                    + grid.keySet()
                    + "; move "
                    + e.getKey()
                    + " to the grid or drop it from the row");
          }
          if (!(e.getValue() instanceof Number)) {
            throw error(
                where + "." + e.getKey(),
                "'" + e.getValue() + "' is not a number",
                "published metrics must be numbers");
          }
        }
        String point = String.join(", ", pointParts);
        Integer previous = seenPoints.put(point, i);
        if (previous != null) {
          throw error(
              where,
              "repeats the row for " + point + " (paper[" + previous + "])",
              "keep one row per grid point");
        }
        out.add(Collections.unmodifiableMap(row));
      }
      return out;
    }

    /** With a list of grids, two grids could give one trial twice under different ids. */
    private void checkDistinctTrials(SweepSpec spec) {
      if (spec.grids.size() < 2) {
        return;
      }
      Map<String, String> seen = new HashMap<>();
      for (Point point : spec.gridPoints()) {
        Map<String, Object> p = point.values();
        List<String> parts = new ArrayList<>();
        for (String k : spec.grid.keySet()) {
          parts.add(k + "=" + Values.canonical(p.containsKey(k) ? p.get(k) : spec.params.get(k)));
        }
        String trial = String.join(", ", parts);
        String other = seen.put(trial, trialId(p));
        if (other != null) {
          throw error(
              "grid",
              "trials " + other + " and " + trialId(p) + " are the same trial (" + trial + ")",
              "remove that point from one of the grids");
        }
      }
    }

    /** Ids are file names; sanitising string values could make two of them collide. */
    private void checkUniqueIds(SweepSpec spec) {
      Map<String, Map<String, Object>> seen = new HashMap<>();
      for (Point point : spec.gridPoints()) {
        Map<String, Object> p = point.values();
        Map<String, Object> other = seen.put(trialId(p), p);
        if (other != null) {
          throw error(
              "grid",
              "points " + other + " and " + p + " give the same trial id " + trialId(p),
              "make the string values differ in letters or digits");
        }
      }
    }
  }
}
