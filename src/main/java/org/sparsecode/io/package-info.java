/**
 * File writing that never leaves a half-written file behind, shared by the result store, the
 * reports and the figures.
 */
package org.sparsecode.io;
