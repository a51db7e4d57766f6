package org.sparsecode.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sparsecode.data.DataException;
import org.sparsecode.harness.HarnessException;
import org.sparsecode.harness.IoFailure;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sparsecode} command line. */
@Command(
    name = "sparsecode",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Learn sparse representations with TensorFlow Java and regenerate the documents' tables.",
      "Add --debug anywhere to print the stack trace of a failure."
    },
    subcommands = {
      ListCommand.class,
      CheckCommand.class,
      ParamsCommand.class,
      CheckStaleCommand.class,
      SummaryCommand.class,
      ReproduceCommand.class,
      MergeCommand.class,
      ExportCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code of a run refused for bad input (options, data, sweep files). */
  public static final int EXIT_BAD_INPUT = 2;

  /** Exit code of a run that failed while working. */
  public static final int EXIT_FAILURE = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Set by {@code --debug} (anywhere on the command line): print stack traces of failures. */
  static volatile boolean debug;

  public static void main(String[] args) {
    List<String> rest = new ArrayList<>(List.of(args));
    debug = rest.remove("--debug");
    System.exit(commandLine().execute(rest.toArray(String[]::new)));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          int code;
          Optional<String> io = IoFailure.find(e);
          if (io.isPresent()) {
            // Results are written whole or not at all, so nothing finished is lost.
            err.println("sparsecode: " + io.get());
            code = EXIT_FAILURE;
          } else if (e instanceof DataException
              || e instanceof HarnessException
              || e instanceof IllegalArgumentException) {
            err.println("sparsecode: " + e.getMessage());
            code = EXIT_BAD_INPUT;
          } else {
            err.println(
                "sparsecode: "
                    + e
                    + (debug ? "" : " (run again with --debug for the stack trace)"));
            code = EXIT_FAILURE;
          }
          if (debug) {
            e.printStackTrace(err);
          }
          err.flush();
          return code;
        });
    return cli;
  }
}
