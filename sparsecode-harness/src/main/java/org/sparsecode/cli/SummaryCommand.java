package org.sparsecode.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.sparsecode.data.Mnist;
import org.sparsecode.experiment.TrialFingerprints;
import org.sparsecode.harness.ProvenanceCapture;
import org.sparsecode.report.Summary;
import org.sparsecode.report.SummaryReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes the one table of every published number and claim of the three documents against ours. */
@Command(
    name = "summary",
    mixinStandardHelpOptions = true,
    description = {
      "Write reports/summary.csv and summary.md: one row per published number of the three documents"
          + " (and per claim made without one), ours beside it as mean and sd over seeds, the test"
          + " interval, a verdict (reproduced, above, below; holds, fails) and whether the row rests on a"
          + " stale trial. Reads the stored results; trains nothing."
    })
final class SummaryCommand implements Callable<Integer> {
  private static final Path README = Path.of("README.md");

  @Option(
      names = "--harness-dir",
      paramLabel = "DIR",
      defaultValue = "harness",
      description = "Folder of the sweep files (default: ${DEFAULT-VALUE}).")
  Path harnessDir;

  @Option(
      names = "--results-dir",
      paramLabel = "DIR",
      defaultValue = "results",
      description = "Where trial results are kept (default: ${DEFAULT-VALUE}).")
  Path resultsDir;

  @Option(
      names = "--reports-dir",
      paramLabel = "DIR",
      defaultValue = "reports",
      description = "Where summary.csv and summary.md go (default: ${DEFAULT-VALUE}).")
  Path reportsDir;

  @Option(
      names = "--budget",
      defaultValue = "full",
      description = "The budget whose results are summarised (default: ${DEFAULT-VALUE}).")
  String budget;

  @Override
  public Integer call() throws Exception {
    write(harnessDir, resultsDir, budget, reportsDir, System.out);
    return 0;
  }

  /**
   * Writes {@code summary.csv} and {@code summary.md} under {@code reportsDir} from the stored
   * results of {@code budget}, and prints the counts and where they went. {@code reproduce all}
   * ends with it too.
   */
  static void write(
      Path harnessDir, Path resultsDir, String budget, Path reportsDir, PrintStream out)
      throws IOException {
    Summary summary =
        new Summary(
            harnessDir,
            resultsDir,
            budget,
            new TrialFingerprints(harnessDir, Mnist.DEFAULT_VALIDATION_SIZE));
    List<Summary.Row> rows = summary.rows();
    Files.createDirectories(reportsDir);
    List<String> notes =
        List.of(
            "command: " + command(harnessDir, resultsDir, budget, reportsDir),
            "budget: " + budget + " (the trials under " + resultsDir + "/<table>/" + budget + ")",
            "seeds: as each row's seeds column says (the sweep files' seeds)",
            "commit: " + ProvenanceCapture.gitCommit(Path.of(".")));
    Path csv = reportsDir.resolve("summary.csv");
    Path md = reportsDir.resolve("summary.md");
    String counts = SummaryReport.write(rows, notes, csv, md);
    out.print(counts);
    out.printf("Wrote %s and %s (%d rows)%n", csv, md, rows.size());
    // The README quotes the reference summary's counts; a summary of other results leaves it alone.
    boolean reference =
        budget.equals("full")
            && reportsDir.equals(Path.of("reports"))
            && resultsDir.equals(Path.of("results"));
    Optional<String> headline = ReadmeHeadline.of(Files.readString(md));
    if (reference && headline.isPresent() && ReadmeHeadline.refresh(README, headline.get())) {
      out.printf("The headline that %s quotes is current%n", README);
    }
  }

  /** The summary command that writes these files, naming only the options off their defaults. */
  private static String command(Path harnessDir, Path resultsDir, String budget, Path reportsDir) {
    StringBuilder sb = new StringBuilder("./sparsecode summary");
    if (!budget.equals("full")) {
      sb.append(" --budget ").append(budget);
    }
    if (!harnessDir.equals(Path.of("harness"))) {
      sb.append(" --harness-dir ").append(harnessDir);
    }
    if (!resultsDir.equals(Path.of("results"))) {
      sb.append(" --results-dir ").append(resultsDir);
    }
    if (!reportsDir.equals(Path.of("reports"))) {
      sb.append(" --reports-dir ").append(reportsDir);
    }
    return sb.toString();
  }
}
