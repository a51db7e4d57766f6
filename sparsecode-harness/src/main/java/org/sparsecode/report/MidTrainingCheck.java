package org.sparsecode.report;

import java.util.Optional;

/**
 * A point a document reports in the middle of training rather than at its end. The blog's fully
 * connected run at lambda 1e-5 peaked at 0.981 accuracy with an AVR of 28.19 before it ended at
 * 0.9743 / 5.41; the step is not known.
 *
 * @param table the sweep it belongs to
 * @param lambda the trial's lambda
 * @param accuracy the document's accuracy there
 * @param avr the document's AVR there (training batch)
 */
record MidTrainingCheck(String table, double lambda, double accuracy, double avr) {
  static final MidTrainingCheck BLOG_FC = new MidTrainingCheck("blog-fc", 1e-5, 0.981, 28.19);

  static Optional<MidTrainingCheck> forTable(String table) {
    return BLOG_FC.table().equals(table) ? Optional.of(BLOG_FC) : Optional.empty();
  }

  /** Drawn as level lines: the document does not say at which step. */
  CurvesFigure.Mark mark() {
    return new CurvesFigure.Mark(
        String.format(
            java.util.Locale.ROOT, "blog, lambda 1e-5, mid-run (%.3f, AVR %.2f)", accuracy, avr),
        accuracy,
        avr);
  }
}
