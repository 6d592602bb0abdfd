package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileResult;
import dev.filebatch.FileStatus;
import dev.filebatch.MediaType;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;

/**
 * Issue 2, target 3: the largest default batch (a 100 MB ZIP of 30 files) passes through the engine on a small
 * heap, because intake streams bodies instead of holding them. Run it as
 *
 * <pre>
 * java -Xmx64m -cp batch-benchmarks/target/benchmarks.jar dev.filebatch.benchmarks.SmallHeapRun [stored|deflated|both]
 * </pre>
 *
 * <p>It builds the archive (in 64 KB chunks), runs it through a no-op processor, prints the result counts, the
 * time, and the heap used (sampled every 2 ms, and each heap pool's peak), and exits with 1 if any file did not
 * succeed or anything was thrown (an {@link OutOfMemoryError} included), else 0.
 */
public final class SmallHeapRun {
  private SmallHeapRun() {}

  /** Runs the check; see the class comment. */
  public static void main(String[] args) throws Exception {
    String which = args.length > 0 ? args[0].toLowerCase(Locale.ROOT) : "both";
    List<Integer> methods = switch (which) {
      case "stored" -> List.of(ZipEntry.STORED);
      case "deflated" -> List.of(ZipEntry.DEFLATED);
      case "both" -> List.of(ZipEntry.STORED, ZipEntry.DEFLATED);
      default -> throw new IllegalArgumentException("expected stored, deflated or both, got " + args[0]);
    };
    System.out.printf(Locale.ROOT, "max heap: %.1f MiB, java %s%n", mib(Runtime.getRuntime().maxMemory()),
        Runtime.version());
    boolean ok = true;
    for (int method : methods) {
      try {
        ok &= run(RandomZip.justUnderDefaults(method));
      } catch (Throwable t) { // an OutOfMemoryError is exactly what this run is looking for
        System.out.println("FAILED: " + t);
        t.printStackTrace(System.out);
        ok = false;
      }
    }
    System.out.println(ok ? "PASS" : "FAIL");
    System.exit(ok ? 0 : 1);
  }

  /** Builds the archive, runs it, prints what happened; true when all files succeeded. */
  static boolean run(RandomZip spec) throws Exception {
    Path folder = Folders.temp("filebatch-small-heap-");
    try {
      Path zip = spec.writeTo(folder.resolve("batch.zip"));
      System.out.printf(Locale.ROOT, "%n[%s] archive: %d bytes, %d entries of %d bytes%n", spec.methodName(),
          Files.size(zip), spec.files(), spec.bytesPerFile());

      System.gc(); // start the measurement from what the archive build left behind, not its garbage
      List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP).toList();
      heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
      long gcCountBefore = gcCount();
      long gcMillisBefore = gcMillis();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long usedBefore = memory.getHeapMemoryUsage().getUsed();
      AtomicLong sampledPeak = new AtomicLong(usedBefore);
      Thread sampler = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          sampledPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(2);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();

      long start = System.nanoTime();
      BatchResult result;
      try (BatchProcessor engine = BatchProcessor.builder()
          .processor(new NoOpProcessor(MediaType.OCTET_STREAM)).build()) {
        result = engine.process(BatchInput.of(zip));
      } finally {
        sampler.interrupt();
        sampler.join();
      }
      double seconds = (System.nanoTime() - start) / 1e9;

      long poolPeaks = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
      System.out.printf(Locale.ROOT, "[%s] status %s: %d files, %d successful, %d partial, %d failed%n",
          spec.methodName(), result.status(), result.totalFiles(), result.successfulFiles(), result.partialFiles(),
          result.failedFiles());
      for (FileResult f : result.files()) {
        if (f.status() != FileStatus.SUCCESS) {
          System.out.println("  " + f.fileName() + ": " + f.status() + " " + f.error());
        }
      }
      System.out.printf(Locale.ROOT, "[%s] time: %.2f s (%.0f MB/s of content)%n", spec.methodName(), seconds,
          spec.contentBytes() / 1e6 / seconds);
      System.out.printf(Locale.ROOT,
          "[%s] heap used: %.1f MiB before, peak %.1f MiB sampled every 2 ms, %.1f MiB sum of heap-pool peaks; "
              + "%d GCs, %d ms%n",
          spec.methodName(), mib(usedBefore), mib(sampledPeak.get()), mib(poolPeaks), gcCount() - gcCountBefore,
          gcMillis() - gcMillisBefore);
      return result.totalFiles() == spec.files() && result.successfulFiles() == spec.files()
          && result.failedFiles() == 0;
    } finally {
      Folders.delete(folder);
    }
  }

  private static long gcCount() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(c -> c > 0).sum();
  }

  private static long gcMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(c -> c > 0).sum();
  }

  private static double mib(long bytes) {
    return bytes / 1024.0 / 1024.0;
  }
}
