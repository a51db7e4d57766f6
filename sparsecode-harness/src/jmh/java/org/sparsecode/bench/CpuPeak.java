package org.sparsecode.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CPU's theoretical float32 peak, cores x clock x FLOP per cycle, read from the machine ({@code
 * /proc/cpuinfo} and, where the kernel has it, cpufreq's maximum clock).
 *
 * <p>FLOP per cycle per core = FMA pipes x float32 lanes per pipe x 2 (a fused multiply-add is two
 * operations). Assumed: two FMA pipes on every x86 core with FMA; 512-bit lanes (16 floats) when
 * the CPU has avx512f, except AMD Zen 4 (family 25 with avx512f), which splits each 512-bit
 * operation into two 256-bit halves on its 256-bit pipes, so 8 floats; 256-bit lanes (8 floats)
 * with avx2 and fma; 4 otherwise. Some Intel parts have one 512-bit FMA pipe: there the figure is
 * twice too high.
 *
 * @param cores logical CPUs the JVM sees
 * @param megahertz the clock used
 * @param clockSource where the clock came from
 * @param flopPerCycle per core
 * @param derivation how flopPerCycle was derived, in words
 */
record CpuPeak(
    int cores, double megahertz, String clockSource, int flopPerCycle, String derivation) {

  double gflops() {
    return cores * megahertz * 1e-3 * flopPerCycle;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "theoretical float32 peak: %d cores x %.0f MHz (%s) x %d FLOP/cycle (%s) = %.1f GFLOP/s",
        cores,
        megahertz,
        clockSource,
        flopPerCycle,
        derivation,
        gflops());
  }

  static CpuPeak read() {
    List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
    String vendor = field(cpuinfo, "vendor_id");
    String family = field(cpuinfo, "cpu family");
    Set<String> flags = Set.of(field(cpuinfo, "flags").split("\\s+"));
    int cores = Runtime.getRuntime().availableProcessors();

    double mhz = Double.NaN;
    String source;
    List<String> max = lines(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq"));
    if (!max.isEmpty()) {
      mhz = Double.parseDouble(max.get(0).trim()) / 1000;
      source = "cpufreq maximum";
    } else {
      source =
          "/proc/cpuinfo 'cpu MHz', the nominal clock (no cpufreq here, e.g. a VM); boost may exceed it";
      for (String line : cpuinfo) {
        if (line.startsWith("cpu MHz")) {
          double v = Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
          mhz = Double.isNaN(mhz) ? v : Math.max(mhz, v);
        }
      }
    }

    boolean zen4 = vendor.equals("AuthenticAMD") && family.equals("25");
    int lanes;
    String isa;
    if (flags.contains("avx512f") && !zen4) {
      lanes = 16;
      isa = "AVX-512: 2 FMA pipes x 16 float32 lanes x 2";
    } else if (flags.contains("avx512f")) {
      lanes = 8;
      isa =
          "AVX-512 on AMD Zen 4 (family 25), executed as 2 x 256 bits: 2 FMA pipes x 8 float32 lanes x 2";
    } else if (flags.contains("avx2") && flags.contains("fma")) {
      lanes = 8;
      isa = "AVX2 + FMA: 2 FMA pipes x 8 float32 lanes x 2";
    } else {
      lanes = 4;
      isa = "SSE: 2 pipes x 4 float32 lanes x 2";
    }
    return new CpuPeak(cores, mhz, source, 2 * lanes * 2, isa);
  }

  private static String field(List<String> cpuinfo, String name) {
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
        return line.substring(colon + 1).trim();
      }
    }
    return "";
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
