package org.sparsecode.train;

import org.sparsecode.eval.Evaluation;

/**
 * A point of the learning curve, recorded at each periodic evaluation.
 *
 * @param step optimiser steps done
 * @param trainLoss mean training loss over the steps since the previous point
 * @param trainBatch the model now, on the batch it was just trained on (the blog's AVR is this
 *     one's); null where the curve was not recorded
 * @param validation the model now, on the validation split
 */
public record EvalPoint(int step, double trainLoss, Evaluation trainBatch, Evaluation validation) {}
