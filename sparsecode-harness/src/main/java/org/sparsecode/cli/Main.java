package org.sparsecode.cli;

import java.io.PrintWriter;
import org.sparsecode.data.DataException;
import org.sparsecode.harness.HarnessException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sparsecode} command line. */
@Command(
    name = "sparsecode",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Learn sparse representations with TensorFlow Java and regenerate the documents' tables.",
    subcommands = {
      ListCommand.class,
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

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof DataException
              || e instanceof HarnessException
              || e instanceof IllegalArgumentException) {
            err.println("sparsecode: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
          }
          err.println("sparsecode: " + e);
          e.printStackTrace(err);
          err.flush();
          return EXIT_FAILURE;
        });
    return cli;
  }
}
