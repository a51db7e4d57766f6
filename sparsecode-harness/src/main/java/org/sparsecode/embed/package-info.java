/**
 * Two-dimensional embeddings for looking at representations (Fig. 5 of the LCA document): exact
 * t-SNE, and scores of how well the classes separate in an embedding (silhouette, leave-one-out
 * k-nearest-neighbour accuracy). Exact t-SNE costs O(n^2) time and memory, so figures embed a
 * seeded, class-balanced subsample of at most a few thousand points ({@link
 * org.sparsecode.embed.Subsample}).
 */
package org.sparsecode.embed;
