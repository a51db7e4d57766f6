package org.sparsecode.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sparsecode.data.DataSets;
import org.sparsecode.data.Splits;
import org.sparsecode.experiment.ExperimentContext;
import org.sparsecode.experiment.ParamDeclarations;
import org.sparsecode.harness.ResultStore;
import org.sparsecode.harness.Shard;
import org.sparsecode.harness.SpecException;
import org.sparsecode.harness.SweepCheck;
import org.sparsecode.harness.SweepSpec;
import org.sparsecode.harness.Trial;

/**
 * Everything checked before a sweep takes its lock or trains: the sweep file against its model's
 * declared parameters (every trial of every budget), the budget, the stored results, and the data
 * the unfinished trials train on (loaded now, so a missing or corrupt file or a bad
 * --validation-size stops the run here, and a batch larger than the training split too).
 */
record SweepPreflight(SweepSpec spec, List<Trial> trials, List<Trial> pending, DataSets data) {

  static SweepPreflight run(
      CommonOptions common, String table, String budget, Shard shard, ResultStore store)
      throws IOException {
    SweepSpec spec = SweepSpec.load(common.harnessDir, table);
    SweepCheck.check(spec, ParamDeclarations.forModel(spec.model()));
    spec.steps(budget); // an unknown budget fails here with the list of budgets
    List<Trial> trials = shard.select(spec.expand(budget));
    List<Trial> pending = new ArrayList<>();
    for (Trial t : trials) {
      // Reading (not writing) needs no lock; a corrupt or outdated stored result stops the run
      // here.
      if (!Files.exists(store.fileFor(t.id())) || store.find(t).isEmpty()) {
        pending.add(t);
      }
    }
    DataSets data = common.dataSets();
    if (ParamDeclarations.readsDataSet(spec.model())) {
      checkData(spec, pending, data);
    }
    return new SweepPreflight(spec, trials, pending, data);
  }

  /**
   * Loads each data set the pending trials name and checks their batches fit its training split.
   */
  private static void checkData(SweepSpec spec, List<Trial> pending, DataSets data) {
    Set<String> problems = new LinkedHashSet<>();
    for (Trial t : pending) {
      Object name = t.params().get(ExperimentContext.DATASET);
      Splits splits = data.get(name == null ? DataSets.MNIST : name.toString());
      int train = splits.train().size();
      for (String key : List.of("batch", "probe_batch")) {
        if (t.params().containsKey(key) && t.intParam(key) > train) {
          problems.add(
              spec.file()
                  + ": trial "
                  + t.id()
                  + ": "
                  + key
                  + " "
                  + t.intParam(key)
                  + " is larger than the "
                  + train
                  + " training examples of "
                  + splits.train().name()
                  + "; use a "
                  + key
                  + " <= "
                  + train);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new SpecException(String.join("\n", problems));
    }
  }
}
