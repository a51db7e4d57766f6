package org.sparsecode.harness;

/**
 * A sweep spec (harness/&lt;table&gt;.yaml) that cannot be used; the message names the file, key
 * and fix.
 */
public class SpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message);
  }

  public SpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
