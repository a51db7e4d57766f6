/**
 * Neural-network layers built from TensorFlow ops ({@link org.sparsecode.nn.Dense}, ...) and their
 * seeded, thread-count-independent initialisers.
 */
package org.sparsecode.nn;
