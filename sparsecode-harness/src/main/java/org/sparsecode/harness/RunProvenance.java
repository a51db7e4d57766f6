package org.sparsecode.harness;

/**
 * Where and how a result was produced, recorded beside every trial so that a table can be traced
 * back to a commit, a machine and a seed.
 */
public record RunProvenance(
    String gitCommit,
    String tensorflowVersion,
    long seed,
    String jvm,
    String os,
    String cpuModel,
    int intraOpThreads,
    int interOpThreads,
    String startTime,
    double wallSeconds) {}
