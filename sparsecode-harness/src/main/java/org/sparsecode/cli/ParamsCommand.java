package org.sparsecode.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sparsecode.experiment.ParamDeclarations;
import org.sparsecode.harness.ParamSet;
import org.sparsecode.harness.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a model's declared parameters as the Markdown table the README shows. */
@Command(
    name = "params",
    mixinStandardHelpOptions = true,
    description = "Print the parameters a table's model declares (name, type, range, default, meaning) as a Markdown table.")
final class ParamsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TABLE", description = "A table (e.g. blog-fc) or a model (e.g. fc).")
  String name;

  @Option(names = "--harness-dir", paramLabel = "DIR", defaultValue = "harness", description = "Folder of the sweep files (default: ${DEFAULT-VALUE}).")
  Path harnessDir;

  @Override
  public Integer call() {
    String model = Files.isRegularFile(harnessDir.resolve(name + ".yaml"))
        ? SweepSpec.load(harnessDir, name).model()
        : name;
    ParamSet declared = ParamDeclarations.forModel(model);
    System.out.print(declared.markdown());
    return 0;
  }
}
