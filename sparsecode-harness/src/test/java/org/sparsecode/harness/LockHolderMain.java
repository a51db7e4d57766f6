package org.sparsecode.harness;

import java.nio.file.Path;

/**
 * Child process for {@link ResultStoreLockTest}: "hold ROOT" takes the lock, prints "LOCKED pid"
 * and keeps it until stdin closes or it is killed; "try ROOT" prints the lock error and exits 3.
 */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    ResultStore store = new ResultStore(Path.of(args[1]), "blog-fc", "quick");
    ResultStore.Lock lock;
    try {
      lock = store.lock();
    } catch (ResultStore.LockedException e) {
      System.out.println("FAILED " + e.getMessage());
      System.exit(3);
      return;
    }
    System.out.println("LOCKED " + ProcessHandle.current().pid());
    System.out.flush();
    if (args[0].equals("hold")) {
      while (System.in.read() >= 0) {
        // hold until the parent closes stdin
      }
    }
    lock.close();
  }
}
