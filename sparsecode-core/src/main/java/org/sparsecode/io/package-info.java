/**
 * File writing that never leaves a half-written file behind, shared by the result store, the
 * reports and the figures; and NumPy {@code .npy} files for dictionaries and codes.
 */
package org.sparsecode.io;
