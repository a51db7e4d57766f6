/**
 * The {@code sparsecode} command line (picocli): list, reproduce, merge and export, with checked
 * options and exit code 2 for bad input.
 */
package org.sparsecode.cli;
