/**
 * Measures trained models: accuracy, and sparsity in the vocabulary of the documents (AVR) and of
 * today's sparse-autoencoder tools (L0, dead units).
 */
package org.sparsecode.eval;
