package org.sparsecode.data;

/** Bad or missing input data. The message names the file, what is wrong with it and what to do. */
public class DataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param message what is wrong with the data and what to do
   */
  public DataException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong with the data and what to do
   * @param cause the underlying failure
   */
  public DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
