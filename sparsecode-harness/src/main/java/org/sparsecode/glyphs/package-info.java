/**
 * The ten digits rendered from a font and prepared the way MNIST prepared its digits: the second
 * modality the linked dictionaries learn from, and what their figures draw.
 */
package org.sparsecode.glyphs;
