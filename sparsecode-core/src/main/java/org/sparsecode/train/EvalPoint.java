package org.sparsecode.train;

import org.sparsecode.eval.Evaluation;

/** A point of the learning curve: the validation evaluation after {@code step} steps. */
public record EvalPoint(int step, Evaluation validation) {}
