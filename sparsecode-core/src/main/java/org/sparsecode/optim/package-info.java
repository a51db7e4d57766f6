/**
 * Optimizers for graph-mode training: a reproducible Adam on top of the TensorFlow Java framework's
 * {@code Optimizer}.
 */
package org.sparsecode.optim;
