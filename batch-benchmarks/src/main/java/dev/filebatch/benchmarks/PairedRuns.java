package dev.filebatch.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The overhead comparisons of issues 3, 4 and 9 taken in pairs, for a machine whose load changes from second to
 * second: each round runs every variant once, back to back in one JVM (in an order that rotates every round), and
 * the ratio to the baseline is taken within the round. The median of those per-round ratios does not move with the
 * load the way the ratio of two JMH scores taken minutes apart does. Uses the JMH benchmarks' own set-up and
 * methods; the first rounds are warm-up and not counted.
 *
 * <pre>
 * java -cp batch-benchmarks/target/benchmarks.jar dev.filebatch.benchmarks.PairedRuns pdf 60
 * java -cp batch-benchmarks/target/benchmarks.jar dev.filebatch.benchmarks.PairedRuns svg 20
 * java -cp batch-benchmarks/target/benchmarks.jar dev.filebatch.benchmarks.PairedRuns forked 100
 * OMP_THREAD_LIMIT=1 java -cp batch-benchmarks/target/benchmarks.jar dev.filebatch.benchmarks.PairedRuns photo 8
 * OMP_THREAD_LIMIT=1 java -cp batch-benchmarks/target/benchmarks.jar dev.filebatch.benchmarks.PairedRuns photo-reread 8
 * </pre>
 */
public final class PairedRuns {
  private PairedRuns() {}

  /** A variant: one batch of work. */
  @FunctionalInterface
  private interface Step {
    Object run() throws Exception;
  }

  /**
   * Runs the comparison.
   *
   * @param args {@code pdf}, {@code svg}, {@code forked}, {@code photo} or {@code photo-reread} (one photo at a
   *     time without and with the second reading of code lines), then the number of counted rounds
   */
  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "pdf";
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    Map<String, Step> steps = new LinkedHashMap<>(); // the first is the baseline
    Runnable between = () -> { };
    List<Runnable> close = new ArrayList<>();
    int files;
    switch (what) {
      case "pdf" -> {
        AktrPdfBenchmark b = new AktrPdfBenchmark();
        b.setUp();
        files = AktrPdfBenchmark.FILES;
        steps.put("bare", b::bare);
        steps.put("processorDirect", b::processorDirect);
        steps.put("intakeOnly", b::intakeOnly);
        steps.put("engine", b::engine);
        steps.put("engineStoringOne", b::engineStoringOne);
        between = () -> {
          try {
            b.emptyScratch();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
        close.add(b::tearDown);
      }
      case "svg" -> {
        SvgConversionBenchmark b = new SvgConversionBenchmark();
        SvgConversionBenchmark.Drawings d = new SvgConversionBenchmark.Drawings();
        d.setUp();
        SvgConversionBenchmark.Engine e = new SvgConversionBenchmark.Engine();
        e.workers = 1;
        e.setUp(d);
        files = SvgConversionBenchmark.FILES;
        steps.put("bareImageIo", () -> b.bareImageIo(d));
        steps.put("bare", () -> b.bare(d));
        steps.put("processorDirect", () -> b.processorDirect(d));
        steps.put("engine(workers=1)", () -> b.engine(e));
        between = () -> {
          try {
            d.emptyDirect();
            e.emptyOutput();
          } catch (Exception x) {
            throw new IllegalStateException(x);
          }
        };
        close.add(e::tearDown);
        close.add(d::tearDown);
      }
      case "forked" -> {
        files = ForkedIsolationBenchmark.FILES;
        for (String isolation : List.of("inProcess", "forkedWarm", "forked")) {
          ForkedIsolationBenchmark b = new ForkedIsolationBenchmark();
          b.isolation = isolation;
          b.setUp();
          steps.put(isolation, b::batch);
          close.add(b::tearDown);
        }
      }
      case "photo" -> {
        files = AktrPhotoLaneBenchmark.PHOTOS;
        for (String lane : List.of("sequential", "parallel", "pool1", "pool2")) {
          AktrPhotoLaneBenchmark b = new AktrPhotoLaneBenchmark();
          b.lane = lane;
          b.setUp();
          steps.put(lane, b::batch);
          close.add(b::tearDown);
        }
      }
      case "photo-reread" -> {
        // what the second reading of the code lines costs: one photo at a time, without and with it
        files = AktrPhotoLaneBenchmark.PHOTOS;
        for (boolean reread : new boolean[] {false, true}) {
          AktrPhotoLaneBenchmark b = new AktrPhotoLaneBenchmark();
          b.lane = "pool1";
          b.rereadCodes = reread;
          b.setUp();
          steps.put(reread ? "reread" : "pageOnly", b::batch);
          close.add(b::tearDown);
        }
      }
      default -> throw new IllegalArgumentException("pdf, svg, forked, photo or photo-reread, not " + what);
    }
    List<String> names = new ArrayList<>(steps.keySet());
    int warmUp = Math.max(2, rounds / 5);
    Map<String, double[]> millis = new LinkedHashMap<>();
    names.forEach(n -> millis.put(n, new double[rounds]));
    for (int r = -warmUp; r < rounds; r++) {
      for (int k = 0; k < names.size(); k++) {
        String name = names.get(Math.floorMod(r + k, names.size())); // rotate the order
        long t0 = System.nanoTime();
        steps.get(name).run();
        double ms = (System.nanoTime() - t0) / 1e6;
        if (r >= 0) {
          millis.get(name)[r] = ms;
        }
      }
      between.run();
    }
    close.forEach(Runnable::run);

    String base = names.get(0);
    System.out.printf(Locale.ROOT, "%s: %d rounds (after %d warm-up), %d files per batch%n", what, rounds, warmUp,
        files);
    System.out.printf(Locale.ROOT, "%-20s %12s %12s %12s   %s%n", "variant", "median ms", "min ms", "ms/file",
        "per-round ratio to " + base + ": median [quartiles]");
    for (String n : names) {
      double[] t = millis.get(n);
      double[] ratio = new double[rounds];
      double[] diff = new double[rounds];
      for (int i = 0; i < rounds; i++) {
        ratio[i] = t[i] / millis.get(base)[i];
        diff[i] = (t[i] - millis.get(base)[i]) / files;
      }
      System.out.printf(Locale.ROOT, "%-20s %12.1f %12.1f %12.3f   %.3f [%.3f, %.3f]; per-file difference %.3f ms"
          + " [%.3f, %.3f]%n", n, q(t, 0.5), q(t, 0), q(t, 0.5) / files, q(ratio, 0.5), q(ratio, 0.25),
          q(ratio, 0.75), q(diff, 0.5), q(diff, 0.25), q(diff, 0.75));
    }
  }

  private static double q(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[(int) Math.round(p * (s.length - 1))];
  }
}
