package org.sparsecode.data;

import java.util.SplittableRandom;

/**
 * Doc 001's toy data: points uniform on the unit sphere in R^3, the sphere cut into N+1 latitude
 * bands and M longitude sectors (M*(N+1) partitions), each partition labelled with one of C classes
 * at random, so that every class lies on a discontinuous patchwork.
 *
 * <p>Bands are equal in polar angle (theta from the north pole, in [0, pi], cut into N+1 equal
 * steps), not in area: the document does not say, and equal angles are the usual latitude lines.
 * Sectors are equal in azimuth phi = atan2(y, x), taken in [0, 2 pi). Partition index = band * M +
 * sector.
 */
public final class SphereData {
  /** The document's number of points per experiment. */
  public static final int DEFAULT_POINTS = 5000;

  /** The document's number of classes. */
  public static final int DEFAULT_CLASSES = 10;

  private static final double TWO_PI = 2 * Math.PI;
  // Point positions and partition classes come from different streams of one seed, so changing
  // the number of points does not change the class map.
  private static final long POINTS_STREAM = 0x9E3779B97F4A7C15L;

  private SphereData() {}

  /**
   * {@code points} points, features (x, y, z) as 3 floats each, labels = the class of each point's
   * partition ({@link #partitionClasses}); the same arguments give the same data.
   *
   * @param points number of points, &gt; 0
   * @param latitudeCuts N: the sphere is cut into N+1 latitude bands, &gt;= 0
   * @param sectors M, longitude sectors, &gt; 0
   * @param classes C, number of classes, &gt; 0
   * @param seed seed of the points and of the partition classes
   * @return the points: 3 features each (a unit vector), labels in [0, classes)
   */
  public static Dataset generate(
      int points, int latitudeCuts, int sectors, int classes, long seed) {
    if (points <= 0) {
      throw new IllegalArgumentException(
          "points must be > 0, got " + points + "; the document uses " + DEFAULT_POINTS);
    }
    int[] classOf = partitionClasses(latitudeCuts, sectors, classes, seed);
    SplittableRandom rnd = new SplittableRandom(seed ^ POINTS_STREAM);
    float[] features = new float[points * 3];
    int[] labels = new int[points];
    for (int p = 0; p < points; p++) {
      // Archimedes: z uniform in [-1, 1] and phi uniform give a uniform point on the sphere.
      double z = 2 * rnd.nextDouble() - 1;
      double phi = TWO_PI * rnd.nextDouble();
      double rho = Math.sqrt(Math.max(0, 1 - z * z));
      float fx = (float) (rho * Math.cos(phi));
      float fy = (float) (rho * Math.sin(phi));
      float fz = (float) z;
      features[3 * p] = fx;
      features[3 * p + 1] = fy;
      features[3 * p + 2] = fz;
      // Labelled from the stored floats, so a label always agrees with partitionOf(features).
      labels[p] = classOf[partitionOf(fx, fy, fz, latitudeCuts, sectors)];
    }
    String name = "sphere-n" + latitudeCuts + "-m" + sectors + "-c" + classes + "-seed" + seed;
    return new Dataset(name, features, labels, 3, classes);
  }

  /**
   * {@link #generate} with the document's 5,000 points and 10 classes.
   *
   * @param latitudeCuts N: N+1 latitude bands, &gt;= 0
   * @param sectors M, longitude sectors, &gt; 0
   * @param seed seed of the points and of the partition classes
   * @return 5,000 points on the unit sphere with labels in [0, 10)
   */
  public static Dataset generate(int latitudeCuts, int sectors, long seed) {
    return generate(DEFAULT_POINTS, latitudeCuts, sectors, DEFAULT_CLASSES, seed);
  }

  /**
   * One generated set cut 80/10/10 into train, validation and test (the points are independent, so
   * consecutive slices are random splits).
   *
   * @param points number of points, &gt;= 10
   * @param latitudeCuts N: N+1 latitude bands, &gt;= 0
   * @param sectors M, longitude sectors, &gt; 0
   * @param classes C, number of classes, &gt; 0
   * @param seed seed of the points and of the partition classes
   * @return the first 80% of the points as train, the next 10% as validation, the rest as test
   */
  public static Splits splits(int points, int latitudeCuts, int sectors, int classes, long seed) {
    if (points < 10) {
      throw new IllegalArgumentException(
          "points must be >= 10 for an 80/10/10 split with no empty part, got " + points);
    }
    Dataset all = generate(points, latitudeCuts, sectors, classes, seed);
    int train = points * 8 / 10;
    int validation = points / 10;
    return new Splits(
        all.slice(all.name() + "-train", 0, train),
        all.slice(all.name() + "-validation", train, train + validation),
        all.slice(all.name() + "-test", train + validation, points));
  }

  /**
   * The partition of direction (x, y, z), in 0 .. M*(N+1)-1: {@code band * M + sector}, band 0 at
   * the north pole (z > 0). The vector need not have unit length. Boundaries belong to the band or
   * sector above them (floor); the poles are in sector 0.
   *
   * @param x first coordinate of the direction
   * @param y second coordinate
   * @param z third coordinate; the north pole is +z
   * @param latitudeCuts N: N+1 latitude bands
   * @param sectors M, longitude sectors
   * @return the partition index
   */
  public static int partitionOf(double x, double y, double z, int latitudeCuts, int sectors) {
    checkGrid(latitudeCuts, sectors);
    double norm = Math.sqrt(x * x + y * y + z * z);
    if (!(norm > 0) || Double.isInfinite(norm)) {
      throw new IllegalArgumentException(
          "point ("
              + x
              + ", "
              + y
              + ", "
              + z
              + ") has no direction; pass a finite non-zero vector");
    }
    int bands = latitudeCuts + 1;
    double theta = Math.acos(Math.max(-1, Math.min(1, z / norm)));
    int band = Math.min((int) (theta / (Math.PI / bands)), bands - 1);
    double phi = Math.atan2(y, x);
    if (phi < 0) {
      phi += TWO_PI;
    }
    // phi + 2 pi can round up to 2 pi for tiny negative angles: that is sector M-1, not M.
    int sector = Math.min((int) (phi / (TWO_PI / sectors)), sectors - 1);
    return band * sectors + sector;
  }

  /**
   * Each partition's class, uniform in 0 .. C-1, from {@code seed}; index = band * M + sector.
   *
   * @param latitudeCuts N: N+1 latitude bands
   * @param sectors M, longitude sectors
   * @param classes C, number of classes
   * @param seed seed of the class draw
   * @return M*(N+1) class ids, indexed by partition
   */
  public static int[] partitionClasses(int latitudeCuts, int sectors, int classes, long seed) {
    checkGrid(latitudeCuts, sectors);
    if (classes <= 0) {
      throw new IllegalArgumentException(
          "classes must be > 0, got " + classes + "; the document uses " + DEFAULT_CLASSES);
    }
    long count = (long) sectors * (latitudeCuts + 1);
    if (count > 10_000_000) {
      throw new IllegalArgumentException(
          "M*(N+1) = " + count + " partitions is too many; use fewer cuts or sectors");
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] out = new int[(int) count];
    for (int i = 0; i < out.length; i++) {
      out[i] = rnd.nextInt(classes);
    }
    return out;
  }

  private static void checkGrid(int latitudeCuts, int sectors) {
    if (latitudeCuts < 0) {
      throw new IllegalArgumentException(
          "latitude cuts N must be >= 0 (N+1 bands), got " + latitudeCuts);
    }
    if (sectors < 1) {
      throw new IllegalArgumentException("sectors M must be >= 1, got " + sectors);
    }
  }
}
