package dev.filebatch.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 3's PDF comparison with each variant in its own JVM, as JMH runs them, but paired: the variants take turns,
 * one fresh JVM each per round (warm-up, then a timed stretch of batches), and the ratio to {@code bare} is taken
 * within each round. On this 2-core VM the speed of the machine drifts by 10-20% over minutes, which JMH's single
 * fork cannot tell from a difference between variants; {@link PairedRuns} pairs the variants but runs them in one
 * JVM, where they share one heap and so share the collector's work for the results the engine's store retains.
 * This pairs them without sharing a heap.
 *
 * <pre>
 * java -cp batch-benchmarks/target/benchmarks.jar dev.filebatch.benchmarks.PairedJvms 6
 * java -cp batch-benchmarks/target/benchmarks.jar dev.filebatch.benchmarks.PairedJvms 4 bare bareFromStream bareFromArray
 * </pre>
 *
 * <p>Each child JVM prints milliseconds per batch of 30 reports and the collector's pause time per batch.
 */
public final class PairedJvms {
  private static final List<String> DEFAULT_VARIANTS = List.of("bare", "engine", "engineStoringOne");

  private PairedJvms() {}

  /**
   * Runs the rounds, or one variant when called as a child.
   *
   * @param args the number of rounds (default 6), then the variants (default {@code bare engine engineStoringOne},
   *     the first being the one the others are compared with); or {@code --child VARIANT WARMUP_SECONDS
   *     MEASURE_SECONDS}
   */
  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("--child")) {
      child(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      return;
    }
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
    List<String> variants = args.length > 1 ? List.of(args).subList(1, args.length) : DEFAULT_VARIANTS;
    Map<String, double[]> msPerBatch = new LinkedHashMap<>();
    Map<String, double[]> gcPerBatch = new LinkedHashMap<>();
    variants.forEach(v -> {
      msPerBatch.put(v, new double[rounds]);
      gcPerBatch.put(v, new double[rounds]);
    });
    for (int r = 0; r < rounds; r++) {
      for (int k = 0; k < variants.size(); k++) {
        String v = variants.get(Math.floorMod(r + k, variants.size())); // rotate the order
        double[] result = runChild(v);
        msPerBatch.get(v)[r] = result[0];
        gcPerBatch.get(v)[r] = result[1];
        System.out.printf(Locale.ROOT, "round %d %-17s %7.2f ms per batch, GC pauses %5.2f ms per batch%n", r + 1,
            v, result[0], result[1]);
      }
    }
    double[] base = msPerBatch.get(variants.get(0));
    System.out.printf(Locale.ROOT, "%nvariant            median ms/batch   GC ms/batch   per-round ratio to " + variants.get(0) + ": median "
        + "[min, max]%n");
    for (String v : variants) {
      double[] ms = msPerBatch.get(v);
      double[] ratio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = ms[r] / base[r];
      }
      double[] sorted = ratio.clone();
      Arrays.sort(sorted);
      System.out.printf(Locale.ROOT, "%-18s %10.2f %14.2f          %.3f [%.3f, %.3f]%n", v, median(ms),
          median(gcPerBatch.get(v)), median(ratio), sorted[0], sorted[rounds - 1]);
    }
  }

  private static double[] runChild(String variant) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.add("-Djava.awt.headless=true");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(PairedJvms.class.getName());
    cmd.addAll(List.of("--child", variant, "15", "20"));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    double[] out = null;
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("RESULT ")) {
          String[] f = line.split(" ");
          out = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        }
      }
    }
    if (p.waitFor() != 0 || out == null) {
      throw new IllegalStateException("the " + variant + " JVM failed (exit " + p.exitValue() + ")");
    }
    return out;
  }

  private static void child(String variant, int warmUpSeconds, int measureSeconds) throws Exception {
    AktrPdfBenchmark b = new AktrPdfBenchmark();
    b.setUp();
    Runnable batch = switch (variant) {
      case "bare" -> () -> call(b::bare);
      case "engine" -> () -> call(b::engine);
      case "engineStoringOne" -> () -> call(b::engineStoringOne);
      case "bareFromStream" -> () -> call(b::bareFromStream);
      case "bareFromArray" -> () -> call(b::bareFromArray);
      case "processorDirect" -> () -> call(b::processorDirect);
      default -> throw new IllegalArgumentException(variant);
    };
    try {
      long end = System.nanoTime() + warmUpSeconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        batch.run();
      }
      long gc0 = gcMillis();
      long t0 = System.nanoTime();
      end = t0 + measureSeconds * 1_000_000_000L;
      int n = 0;
      while (System.nanoTime() < end) {
        batch.run();
        n++;
      }
      double ms = (System.nanoTime() - t0) / 1e6 / n;
      double gc = (gcMillis() - gc0) / (double) n;
      System.out.printf(Locale.ROOT, "RESULT %.4f %.4f%n", ms, gc);
    } finally {
      b.tearDown();
    }
  }

  @FunctionalInterface
  private interface Batch {
    Object run() throws Exception;
  }

  private static void call(Batch b) {
    try {
      b.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long gcMillis() {
    long sum = 0;
    for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
      sum += Math.max(0, g.getCollectionTime());
    }
    return sum;
  }

  private static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  }
}
