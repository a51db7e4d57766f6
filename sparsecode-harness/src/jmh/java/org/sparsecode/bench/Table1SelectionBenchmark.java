package org.sparsecode.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sparsecode.classify.ClassifierKind;
import org.sparsecode.classify.ModelSelection;

/**
 * One classifier selection of {@link Table1SelectionProblem} (Table I's raw-pixel trial at the
 * quick budget) for one kind: every candidate fitted on 2,000 images and scored on 1,000, {@code
 * threads} fits at a time. A selection takes seconds, so each JMH iteration times one whole call.
 * The last selection's choice and scores are left in {@link Table1SelectionProblem#resultFile} for
 * the report (a selection is deterministic: every call gives the same).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Table1SelectionBenchmark {
  @Param({"SVM_RBF"})
  public ClassifierKind kind;

  @Param({"0"})
  public int threads;

  private Table1SelectionProblem problem;
  private ModelSelection.Result last;

  @Setup(Level.Trial)
  public void setUp() {
    problem = Table1SelectionProblem.load();
  }

  @Benchmark
  public double select() {
    int fits = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    last = problem.select(kind, fits);
    return last.bestValidationAccuracy();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    if (last != null) {
      problem.writeResult(last, Table1SelectionProblem.resultFile(Path.of("target"), kind));
    }
  }
}
