package org.sparsecode.harness;

/** A sweep or result store problem the user has to act on; the message says what to do. */
public class HarnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HarnessException(String message) {
    super(message);
  }

  public HarnessException(String message, Throwable cause) {
    super(message, cause);
  }
}
