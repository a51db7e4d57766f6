/**
 * Sparse coding with the Locally Competitive Algorithm (LCA): unrolled TensorFlow inference,
 * Hebbian dictionary learning in plain Java, and linked dictionaries that share one code.
 */
package org.sparsecode.lca;
