/**
 * How TensorFlow runs in this process: the thread settings every session of the library takes. A
 * package of its own so that sparse coding ({@code lca}) and the models share it without depending
 * on each other.
 */
package org.sparsecode.runtime;
