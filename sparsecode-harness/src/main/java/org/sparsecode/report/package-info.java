/**
 * Tables and figures of finished sweeps: CSV with provenance, Markdown beside the document's
 * numbers, PNG figures.
 */
package org.sparsecode.report;
