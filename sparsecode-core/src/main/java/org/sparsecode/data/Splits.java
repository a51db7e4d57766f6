package org.sparsecode.data;

/**
 * The three disjoint parts of a data set: train on {@code train}, choose on {@code validation},
 * report on {@code test}.
 */
public record Splits(Dataset train, Dataset validation, Dataset test) {}
