package org.sparsecode.cli;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sparsecode.harness.SweepSpec;

/**
 * {@code reproduce all}: every table in turn, a table that reads another's results after it ({@code
 * codes_from}), otherwise the cheapest first, so that results come early. Prints the estimate
 * before it starts and the actual time per table at the end, then writes the summary of every
 * published number ({@code summary.csv} and {@code .md} beside the tables' reports, as {@code
 * sparsecode summary} does). A table whose data set is not available is skipped with a note; a
 * table that fails does not stop the others.
 */
final class ReproduceAll {
  static final String ALL = "all";

  private ReproduceAll() {}

  static int run(ReproduceCommand command) throws Exception {
    if (!"0/1".equals(command.shard)) {
      throw new IllegalArgumentException(
          "reproduce all runs whole tables; shard one table at a time (reproduce TABLE --shard K/N)");
    }
    List<SweepSpec> specs = new ArrayList<>();
    for (SweepSpec spec : SweepSpec.listTables(command.common.harnessDir)) {
      String missing = missingData(spec, command.common);
      if (missing != null) {
        System.out.println("skipping " + spec.table() + ": " + missing);
      } else if (!spec.budgets().containsKey(command.budget)) {
        System.out.println(
            "skipping " + spec.table() + ": it has no budget '" + command.budget + "'");
      } else {
        specs.add(spec);
      }
    }
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("no table to run; see ./sparsecode list");
    }
    Map<String, SuiteEstimate.Table> estimates = new LinkedHashMap<>();
    for (SuiteEstimate.Table t : SuiteEstimate.all(specs, command.budget, command.resultsDir)) {
      estimates.put(t.table(), t);
    }
    List<SweepSpec> order = order(specs, estimates);
    System.out.println("Estimated time (from stored trials' wall times):");
    SuiteEstimate.print(order.stream().map(s -> estimates.get(s.table())).toList(), System.out);
    System.out.println();

    List<String> lines = new ArrayList<>();
    int exit = 0;
    long suiteStart = System.nanoTime();
    for (SweepSpec spec : order) {
      System.out.println("== " + spec.table());
      long start = System.nanoTime();
      String outcome;
      try {
        int code = command.reproduce(spec.table());
        outcome = code == 0 ? "done" : "exit " + code;
        exit = Math.max(exit, code);
      } catch (Exception e) {
        // Picocli's handler would print it and stop; here the other tables still run.
        System.err.println("sparsecode: " + spec.table() + ": " + e.getMessage());
        outcome = "failed: " + e.getMessage();
        exit = Main.EXIT_FAILURE;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      lines.add(
          String.format(
              Locale.ROOT,
              "%-26s %14s %14s  %s",
              spec.table(),
              SuiteEstimate.duration(estimates.get(spec.table()).remainingSeconds()),
              SuiteEstimate.duration(seconds),
              outcome));
    }
    System.out.println();
    System.out.printf("%-26s %14s %14s%n", "table (" + command.budget + ")", "estimated", "actual");
    lines.forEach(System.out::println);
    System.out.printf(
        "%-26s %14s %14s%n",
        "total", "", SuiteEstimate.duration((System.nanoTime() - suiteStart) / 1e9));
    System.out.println();
    try {
      SummaryCommand.write(
          command.common.harnessDir,
          command.resultsDir,
          command.budget,
          ReportTargets.resolve(command.budget, command.reportsDir, command.graphsDir).reportsDir(),
          System.out);
    } catch (RuntimeException | java.io.IOException e) {
      // The tables' reports are written; only the summary is missing.
      System.err.println(
          "sparsecode: the summary was not written: "
              + e.getMessage()
              + "; fix that, then run ./sparsecode summary");
      exit = Main.EXIT_FAILURE;
    }
    return exit;
  }

  /** Cheapest first (unknown last), then every table after the one its codes_from names. */
  static List<SweepSpec> order(List<SweepSpec> specs, Map<String, SuiteEstimate.Table> estimates) {
    List<SweepSpec> byCost = new ArrayList<>(specs);
    byCost.sort(
        Comparator.comparingDouble(
            s -> {
              double v = estimates.get(s.table()).wholeSeconds();
              return Double.isNaN(v) ? Double.MAX_VALUE : v;
            }));
    List<SweepSpec> out = new ArrayList<>();
    List<String> placed = new ArrayList<>();
    while (!byCost.isEmpty()) {
      SweepSpec next =
          byCost.stream()
              .filter(
                  s ->
                      !(s.params().get("codes_from") instanceof String from)
                          || placed.contains(from)
                          || byCost.stream().noneMatch(o -> o.table().equals(from)))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalArgumentException("the sweep files' codes_from form a cycle"));
      byCost.remove(next);
      out.add(next);
      placed.add(next.table());
    }
    return out;
  }

  /** Why the table's data set cannot be read, or null when it can. */
  private static String missingData(SweepSpec spec, CommonOptions common) {
    Object dataset = spec.params().get("dataset");
    if ("cifar10".equals(dataset) && common.cifarDir == null) {
      return "CIFAR-10 is read only from a folder you name with --cifar-dir DIR";
    }
    if ("fashion-mnist".equals(dataset) && !Files.isDirectory(common.fashionDir)) {
      return "no Fashion-MNIST in "
          + common.fashionDir
          + " (apt-get install dataset-fashion-mnist, or --fashion-dir DIR)";
    }
    return null;
  }
}
