/**
 * Sweeps hyper-parameter grids declared in harness/&lt;table&gt;.yaml, sharded across machines,
 * storing one resumable result file per trial so that published tables can be regenerated.
 */
package org.sparsecode.harness;
