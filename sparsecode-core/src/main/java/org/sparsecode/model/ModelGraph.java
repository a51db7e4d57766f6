package org.sparsecode.model;

import org.sparsecode.runtime.ThreadSettings;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * Owns one TensorFlow {@link Graph} and the {@link Session} that runs it. Build ops with {@link
 * #tf()}; the session opens (and initialises the variables) on first use. Both hold native memory:
 * close this object (try-with-resources), which closes the session, then the graph.
 */
public final class ModelGraph implements AutoCloseable {
  private final Graph graph = new Graph();
  private final Ops tf = Ops.create(graph);
  private final ThreadSettings threads;
  private Session session;

  /**
   * A new, empty graph; the session opens on the first call to {@link #session()}.
   *
   * @param threads the session's thread pools
   */
  public ModelGraph(ThreadSettings threads) {
    this.threads = threads;
  }

  /**
   * @return the ops that build into this graph
   */
  public Ops tf() {
    return tf;
  }

  /**
   * @return the TensorFlow graph
   */
  public Graph graph() {
    return graph;
  }

  /**
   * @return the session's thread pools
   */
  public ThreadSettings threads() {
    return threads;
  }

  /**
   * The session, opened and with every variable initialised on the first call.
   *
   * @return the graph's session, owned by this object: do not close it, close the {@link
   *     ModelGraph}
   */
  public synchronized Session session() {
    if (session == null) {
      session = new Session(graph, threads.toConfigProto());
      session.initialize();
    }
    return session;
  }

  @Override
  public synchronized void close() {
    // A graph cannot be closed while a session on it is open: close the session first.
    if (session != null) {
      session.close();
      session = null;
    }
    graph.close();
  }
}
