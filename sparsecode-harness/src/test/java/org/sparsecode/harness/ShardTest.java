package org.sparsecode.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShardTest {

  @Test
  void parsesKOverN() {
    assertEquals(new Shard(0, 4), Shard.parse("0/4"));
    assertEquals(new Shard(3, 4), Shard.parse(" 3/4 "));
    assertEquals(new Shard(0, 1), Shard.ALL);
    assertEquals("2/3", new Shard(2, 3).toString());
  }

  @Test
  void badShardsSayTheFix() {
    for (String bad : List.of("3/2", "a/b", "1/0", "-1/2", "2/2", "1", "1/2/3", "", "/2")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Shard.parse(bad), bad);
      assertTrue(
          e.getMessage().contains("--shard K/N needs 0 <= K < N, e.g. 0/4 .. 3/4"), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> new Shard(1, 1));
  }

  @Test
  void twentyOneTrialsOverFourShards() {
    List<Trial> trials = SweepSpec.load(Path.of("harness", "blog-fc.yaml")).expand("full");
    List<Trial> union = new ArrayList<>();
    // 7 lambdas x seeds 1, 2, 3
    assertEquals(21, trials.size());
    int[] sizes = new int[4];
    for (int k = 0; k < 4; k++) {
      List<Trial> mine = new Shard(k, 4).select(trials);
      sizes[k] = mine.size();
      for (Trial t : mine) {
        assertEquals(k, t.index() % 4);
      }
      union.addAll(mine);
    }
    assertEquals(List.of(6, 5, 5, 5), List.of(sizes[0], sizes[1], sizes[2], sizes[3]));
    assertEquals(
        List.of(0, 4, 8, 12, 16, 20),
        new Shard(0, 4).select(trials).stream().map(Trial::index).toList());
    union.sort((a, b) -> Integer.compare(a.index(), b.index()));
    assertEquals(trials, union);
    assertEquals(trials, Shard.ALL.select(trials));
    // more shards than trials: some shards are empty, none overlap
    assertEquals(0, new Shard(29, 30).select(trials).size());
  }
}
