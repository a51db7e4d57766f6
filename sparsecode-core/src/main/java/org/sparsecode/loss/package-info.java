/**
 * Loss terms as small stateless objects taking {@code Ops tf} first: classification losses and the
 * sparsity penalties the documents study.
 */
package org.sparsecode.loss;
