/**
 * The documents' experiments: each turns a sweep trial's parameters into a model, trains it and
 * returns the trial's metrics.
 */
package org.sparsecode.experiment;
