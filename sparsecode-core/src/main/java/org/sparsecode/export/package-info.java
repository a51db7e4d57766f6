/**
 * Getting trained models out: SavedModel export with a serving signature, and TensorBoard event
 * files written during training.
 */
package org.sparsecode.export;
