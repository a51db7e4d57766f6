/**
 * Graph-mode training loops: seeded batches, one session run per step, divergence checks and the
 * learning curve, returned as numbers tests can assert on.
 */
package org.sparsecode.train;
