/**
 * Sparse coding with the Locally Competitive Algorithm (LCA): unrolled TensorFlow inference (also
 * with an injected current), Hebbian dictionary learning in plain Java, linked dictionaries that
 * share one code, ordinal class blocks and the measures of the linking document.
 */
package org.sparsecode.lca;
