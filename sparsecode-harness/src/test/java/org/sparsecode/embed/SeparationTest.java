package org.sparsecode.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Silhouette and k-nearest-neighbour accuracy against hand computations. */
class SeparationTest {

  @Test
  void silhouetteOfFivePointsOnALine() {
    // A at 0 and 2, B at 5 and 6, C alone at 3 (points lie on the x axis).
    double[] points = {0, 0, 2, 0, 5, 0, 6, 0, 3, 0};
    int[] labels = {0, 0, 1, 1, 2};
    // A(0): a = 2, b = min(C 3, B 5.5) = 3, s = 1/3.   A(2): a = 2, b = C 1, s = -1/2.
    // B(5): a = 1, b = C 2, s = 1/2.   B(6): a = 1, b = C 3, s = 2/3.   C: alone, s = 0.
    // Mean: (1/3 - 1/2 + 1/2 + 2/3 + 0) / 5 = 0.2 (scikit-learn's silhouette_score agrees).
    assertEquals(0.2, Separation.silhouette(points, 2, labels), 1e-12);
  }

  @Test
  void silhouetteOfTwoPairs() {
    // Pairs 1 apart, 3 apart across: a = 1, b = (3 + sqrt 10) / 2 for every point.
    double[] points = {0, 0, 0, 1, 3, 0, 3, 1};
    double b = (3 + Math.sqrt(10)) / 2;
    assertEquals(1 - 1 / b, Separation.silhouette(points, 2, new int[] {4, 4, 9, 9}), 1e-12);
    // The same points with the classes crossed, A = {(0,0), (3,1)}, B = {(0,1), (3,0)}: for every
    // point a = sqrt 10 (its diagonal partner), b = (1 + 3) / 2 = 2, s = (2 - sqrt 10) / sqrt 10.
    double s = (2 - Math.sqrt(10)) / Math.sqrt(10);
    assertEquals(s, Separation.silhouette(points, 2, new int[] {0, 1, 1, 0}), 1e-12);
  }

  @Test
  void knnAccuracyOfSixPointsOnALine() {
    // x = 0, 1, 2, 3.5, 4, 7 with classes 0, 0, 1, 1, 0, 1, in one dimension.
    double[] points = {0, 1, 2, 3.5, 4, 7};
    int[] labels = {0, 0, 1, 1, 0, 1};
    // k = 1: 0 -> 1 right; 1 -> 0 (tie with 2, lower index first) right; 2 -> 1 wrong;
    // 3 -> 4 wrong; 4 -> 3 wrong; 5 -> 4 wrong.
    assertEquals(2.0 / 6, Separation.knnAccuracy(points, 1, labels, 1), 1e-12);
    // k = 2, every tied vote goes to the nearer neighbour's class: 0 {1, 2} -> 0 right;
    // 1 {0, 2} -> 0 right; 2 {1, 3} -> 0 wrong; 3 {4, 2} -> 0 wrong; 4 {3, 2} -> 1 wrong;
    // 5 {4, 3} -> 0 wrong.
    assertEquals(2.0 / 6, Separation.knnAccuracy(points, 1, labels, 2), 1e-12);
    // k = 3: 0 {1, 2, 3} -> 1 wrong; 1 {0, 2, 3} -> 1 wrong; 2 {1, 3, 0} -> 0 wrong;
    // 3 {4, 2, 1} -> 0 wrong; 4 {3, 2, 1} -> 1 wrong; 5 {4, 3, 2} -> 1 right.
    assertEquals(1.0 / 6, Separation.knnAccuracy(points, 1, labels, 3), 1e-12);
  }

  @Test
  void anEmbeddingIsScoredInTwoDimensions() {
    Embedding e =
        new Embedding(
            new double[] {0, 0, 0, 1, 3, 0, 3, 1},
            new int[0],
            new double[0],
            TsneConfig.defaults());
    int[] labels = {1, 1, 2, 2};
    assertEquals(
        Separation.silhouette(e.coordinates(), 2, labels), Separation.silhouette(e, labels));
    assertEquals(1.0, Separation.knnAccuracy(e, labels, 1));
  }

  @Test
  void badInputIsRefused() {
    double[] points = {0, 1, 2, 3};
    assertMessage("3 labels for 4 points", () -> Separation.silhouette(points, 1, new int[3]));
    assertMessage(
        "the silhouette needs between 2 and n - 1 = 3 classes, got 1",
        () -> Separation.silhouette(points, 1, new int[4]));
    assertMessage(
        "k must be in 1..3 for 4 points, got 4",
        () -> Separation.knnAccuracy(points, 1, new int[4], 4));
    assertMessage(
        "4 coordinates do not make points of 3 dimensions",
        () -> Separation.knnAccuracy(points, 3, new int[1], 1));
  }

  static void assertMessage(String expectedPart, Executable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action);
    assertTrue(e.getMessage().contains(expectedPart), e.getMessage());
  }
}
