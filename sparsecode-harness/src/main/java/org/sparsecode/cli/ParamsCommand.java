package org.sparsecode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sparsecode.experiment.ParamDeclarations;
import org.sparsecode.harness.ParamSet;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.io.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints the models' declared parameters as the Markdown tables of docs/sweep-files.md. */
@Command(
    name = "params",
    mixinStandardHelpOptions = true,
    description = {
      "Print the parameters a table's model declares (name, type, range, default, meaning) as a Markdown table.",
      "With --readme FILE, rewrite FILE's tables of every model (between the markers "
          + ParamsCommand.BEGIN
          + " and "
          + ParamsCommand.END
          + ") from the declarations."
    })
final class ParamsCommand implements Callable<Integer> {
  static final String BEGIN =
      "<!-- parameter tables: ./sparsecode params --readme docs/sweep-files.md -->";
  static final String END = "<!-- end of parameter tables -->";

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TABLE",
      description = "A table (e.g. blog-fc) or a model (e.g. fc); default: every model.")
  String name;

  @Option(
      names = "--harness-dir",
      paramLabel = "DIR",
      defaultValue = "harness",
      description = "Folder of the sweep files (default: ${DEFAULT-VALUE}).")
  Path harnessDir;

  @Option(
      names = "--readme",
      paramLabel = "FILE",
      description = "Rewrite the parameter tables in FILE (e.g. docs/sweep-files.md).")
  Path readme;

  @Override
  public Integer call() throws IOException {
    if (readme != null) {
      String text = Files.readString(readme);
      int begin = text.indexOf(BEGIN);
      int end = text.indexOf(END);
      if (begin < 0 || end < begin) {
        throw new IllegalArgumentException(
            readme
                + " has no "
                + BEGIN
                + " ... "
                + END
                + " block; add the two lines where the tables go");
      }
      String updated =
          text.substring(0, begin) + BEGIN + "\n" + allTables(harnessDir) + text.substring(end);
      AtomicFiles.writeString(readme, updated);
      System.out.println("rewrote the parameter tables in " + readme);
      return 0;
    }
    if (name == null) {
      System.out.print(allTables(harnessDir));
      return 0;
    }
    String model =
        Files.isRegularFile(harnessDir.resolve(name + ".yaml"))
            ? SweepSpec.load(harnessDir, name).model()
            : name;
    System.out.print(ParamDeclarations.forModel(model).markdown());
    return 0;
  }

  /** Every model's table, each headed by the model and the sweep files that use it. */
  static String allTables(Path harnessDir) {
    List<SweepSpec> specs = SweepSpec.listTables(harnessDir);
    StringBuilder sb = new StringBuilder();
    for (ParamSet p : ParamDeclarations.all()) {
      String tables =
          specs.stream()
              .filter(s -> s.model().equals(p.model()))
              .map(SweepSpec::table)
              .collect(Collectors.joining(", "));
      sb.append("\n## `model: ")
          .append(p.model())
          .append("`")
          .append(tables.isEmpty() ? "" : " (" + tables + ")")
          .append("\n\n")
          .append(p.markdown());
    }
    return sb.append("\n").toString();
  }
}
