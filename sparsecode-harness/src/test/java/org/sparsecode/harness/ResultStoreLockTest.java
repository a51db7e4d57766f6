package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@SuppressWarnings("try") // locks are held for their scope only
class ResultStoreLockTest {
  @TempDir Path tmp;

  private Process child(String mode) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            LockHolderMain.class.getName(),
            mode,
            tmp.toString())
        .redirectErrorStream(true)
        .start();
  }

  /** The child's first line ("LOCKED pid" or "FAILED message"), or its whole output on exit. */
  private static String firstLine(Process p) throws IOException {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder all = new StringBuilder();
    String line;
    while ((line = r.readLine()) != null) {
      if (line.startsWith("LOCKED") || line.startsWith("FAILED")) {
        return line;
      }
      all.append(line).append('\n');
    }
    return "child ended without a result: " + all;
  }

  @Test
  void secondLockInSameJvmFailsWithOwner() throws IOException {
    ResultStore a = new ResultStore(tmp, "blog-fc", "quick");
    ResultStore b = new ResultStore(tmp, "blog-fc", "quick");
    try (ResultStore.Lock lock = a.lock()) {
      assertTrue(a.isLocked());
      ResultStore.LockedException e = assertThrows(ResultStore.LockedException.class, b::lock);
      assertTrue(
          e.getMessage()
              .startsWith("another sweep (pid " + ProcessHandle.current().pid() + ", host "),
          e.getMessage());
      assertTrue(
          e.getMessage()
              .contains(
                  "is writing "
                      + a.dir()
                      + "; wait for it to finish, or give this run its own --results-dir"),
          e.getMessage());
      // the failed attempt must not have dropped the first lock
      assertThrows(ResultStore.LockedException.class, b::lock);
      // the holder itself can still save
      a.save(Fakes.result(SweepSpec.load(Fakes.BLOG_FC).expand("quick").get(0)));
    }
    try (ResultStore.Lock again = b.lock()) {
      assertTrue(b.isLocked());
    }
  }

  @Test
  void lockHeldByChildProcessBlocksAndVanishesWhenKilled() throws Exception {
    Process p = child("hold");
    try {
      String line = firstLine(p);
      assertTrue(line.startsWith("LOCKED"), line);
      long childPid = Long.parseLong(line.substring("LOCKED ".length()).trim());
      assertEquals(p.pid(), childPid);
      ResultStore store = new ResultStore(tmp, "blog-fc", "quick");
      ResultStore.LockedException e = assertThrows(ResultStore.LockedException.class, store::lock);
      assertTrue(
          e.getMessage().startsWith("another sweep (pid " + childPid + ", host "), e.getMessage());
      assertTrue(e.getMessage().contains(", started at 20"), e.getMessage());
      assertTrue(e.getMessage().contains("give this run its own --results-dir"), e.getMessage());
      // saving without the lock also refuses
      Trial t = SweepSpec.load(Fakes.BLOG_FC).expand("quick").get(0);
      assertThrows(ResultStore.LockedException.class, () -> store.save(Fakes.result(t)));
      assertTrue(store.find(t).isEmpty());

      p.destroyForcibly();
      assertTrue(p.waitFor(30, TimeUnit.SECONDS));
      // the lock file is still there (with the dead owner's pid) but the OS lock is gone
      assertTrue(Files.exists(store.dir().resolve(".lock")));
      try (ResultStore.Lock lock = store.lock()) {
        assertTrue(
            Files.readString(store.dir().resolve(".lock"))
                .contains("pid=" + ProcessHandle.current().pid()));
      }
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void childCannotLockWhileThisJvmHoldsIt() throws Exception {
    ResultStore store = new ResultStore(tmp, "blog-fc", "quick");
    try (ResultStore.Lock lock = store.lock()) {
      Process p = child("try");
      String line = firstLine(p);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(3, p.exitValue(), line);
      assertTrue(
          line.startsWith("FAILED another sweep (pid " + ProcessHandle.current().pid()), line);
    }
    Process p = child("try");
    String line = firstLine(p);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), line);
    assertTrue(line.startsWith("LOCKED"), line);
  }
}
