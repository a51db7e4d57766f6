/**
 * Fixed feature maps fitted or drawn once and then applied inside graphs: per-feature
 * standardisation, PCA, and random ReLU features.
 */
package org.sparsecode.features;
