package org.sparsecode.data;

/**
 * Bad or missing input data. The message names the file, what is wrong with it and what to do.
 */
public class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public DataException(String message) {
    super(message);
  }

  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
