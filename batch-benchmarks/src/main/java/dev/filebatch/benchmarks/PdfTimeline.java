package dev.filebatch.benchmarks;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchListener;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.FileResult;
import dev.filebatch.MediaType;
import dev.filebatch.acs.AcsCatalogue;
import dev.filebatch.acs.AktrMapper;
import dev.filebatch.acs.AktrParser;
import dev.filebatch.acs.KnowledgeTestReport;
import dev.filebatch.acs.fixtures.AktrGenerator;
import dev.filebatch.acs.fixtures.Layout;
import dev.filebatch.pdf.PdfText;
import dev.filebatch.pdf.PdfTextProcessor;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.ResultCache;
import dev.filebatch.testkit.TestContext;
import dev.filebatch.testkit.TestInputFile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Where a batch of 30 one-page AKTR PDFs spends the time the engine adds: the processor's own calls are timed from
 * inside (wall and thread CPU time per call, in the engine and called directly), and the engine's listener events
 * mark when each file starts and finishes, so the time between two calls of the sequential lane splits into what
 * follows a call (until {@code fileFinished}), the hand-over to the next file (until {@code fileStarted}) and what
 * precedes the next call. Batches alternate between the engine and the direct loop; the first ones are warm-up.
 *
 * <pre>
 * java -Djava.awt.headless=true -cp batch-benchmarks/target/benchmarks.jar dev.filebatch.benchmarks.PdfTimeline 150
 * </pre>
 *
 * <p>The figures are medians over files or batches, so the load moves them less than a mean, but a busy second core
 * still inflates everything that waits for a thread to wake up.
 */
public final class PdfTimeline {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final int FILES = 30;

  private PdfTimeline() {}

  /** Times each call of the processor it wraps: start and end (nanoTime) and thread CPU time. */
  private static final class Timed implements FileProcessor<KnowledgeTestReport> {
    private final FileProcessor<KnowledgeTestReport> processor;
    final List<long[]> calls = Collections.synchronizedList(new ArrayList<>());

    Timed(FileProcessor<KnowledgeTestReport> processor) {
      this.processor = processor;
    }

    @Override
    public String id() {
      return processor.id();
    }

    @Override
    public Set<MediaType> supportedTypes() {
      return processor.supportedTypes();
    }

    @Override
    public Concurrency concurrency() {
      return processor.concurrency();
    }

    @Override
    public Class<?> resultType() {
      return processor.resultType();
    }

    @Override
    public boolean cacheable() {
      return false;
    }

    @Override
    public KnowledgeTestReport process(InputFile file, ProcessingContext ctx) throws Exception {
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      KnowledgeTestReport r = processor.process(file, ctx);
      long end = System.nanoTime();
      calls.add(new long[] {start, end, THREADS.getCurrentThreadCpuTime() - cpu});
      return r;
    }
  }

  /**
   * Runs the comparison.
   *
   * @param args the number of counted batches per variant (default 150)
   */
  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 150;
    int warmUp = Math.max(20, rounds / 5);
    Path folder = Folders.temp("filebatch-bench-timeline-");
    try {
      List<Path> pdfs = new ArrayList<>();
      List<TestInputFile> direct = new ArrayList<>();
      Layout[] layouts = Layout.values();
      for (int i = 0; i < FILES; i++) {
        byte[] pdf = AktrGenerator.generatePdf(AktrGenerator.randomTruth(1000 + i), layouts[i % layouts.length]);
        Path p = Files.write(folder.resolve("aktr-" + i + ".pdf"), pdf);
        pdfs.add(p);
        direct.add(TestInputFile.of(p, MediaType.PDF).withIndex(i));
      }
      AktrParser parser = AktrParser.create(AcsCatalogue.standard(), AktrParser.DEFAULT_PASSING_SCORE);
      FileProcessor<KnowledgeTestReport> processor = PdfTextProcessor.builder().build()
          .andThen(AktrMapper.<PdfText>of(parser, PdfText::text));
      Timed inEngine = new Timed(processor);
      Timed inLoop = new Timed(processor);
      List<long[]> events = Collections.synchronizedList(new ArrayList<>()); // {kind, nanoTime}: 1 started, 2 ended
      BatchListener marks = new BatchListener() {
        @Override
        public void fileStarted(UUID batchId, int index, String fileName, String processorId) {
          events.add(new long[] {1, System.nanoTime()});
        }

        @Override
        public void fileFinished(UUID batchId, FileResult result) {
          events.add(new long[] {2, System.nanoTime()});
        }
      };
      TestContext ctx = TestContext.in(Files.createDirectories(folder.resolve("direct")));
      List<Double> engineBatch = new ArrayList<>();
      List<Double> loopBatch = new ArrayList<>();
      List<Double> toFirstCall = new ArrayList<>();
      List<Double> afterLastCall = new ArrayList<>();
      List<Double> callToFinished = new ArrayList<>();
      List<Double> finishedToStarted = new ArrayList<>();
      List<Double> startedToCall = new ArrayList<>();
      try (BatchProcessor engine = BatchProcessor.builder().processor(inEngine).listener(marks)
          .cache(ResultCache.disabled()).workspaceRoot(Files.createDirectories(folder.resolve("workspaces")))
          .outputDirectory(Files.createDirectories(folder.resolve("out"))).build()) {
        for (int r = -warmUp; r < rounds; r++) {
          boolean counted = r >= 0;
          if (r == 0) {
            inEngine.calls.clear();
            inLoop.calls.clear();
          }
          // the engine's batch
          int before = inEngine.calls.size();
          events.clear();
          long t0 = System.nanoTime();
          BatchResult result = engine.process(BatchInput.of(pdfs));
          long t1 = System.nanoTime();
          if (result.successfulFiles() != FILES) {
            throw new IllegalStateException("a report failed: " + result);
          }
          if (counted) {
            engineBatch.add((t1 - t0) / 1e6);
            List<long[]> calls = new ArrayList<>(inEngine.calls.subList(before, inEngine.calls.size()));
            calls.sort(Comparator.comparingLong(c -> c[0]));
            toFirstCall.add((calls.get(0)[0] - t0) / 1e3);
            afterLastCall.add((t1 - calls.get(calls.size() - 1)[1]) / 1e3);
            split(calls, new ArrayList<>(events), callToFinished, finishedToStarted, startedToCall);
          }
          // the same processor in a plain loop
          long l0 = System.nanoTime();
          for (TestInputFile f : direct) {
            inLoop.process(f, ctx);
          }
          if (counted) {
            loopBatch.add((System.nanoTime() - l0) / 1e6);
          }
        }
      }
      System.out.printf(Locale.ROOT, "%d batches of %d one-page AKTR PDFs per variant, after %d warm-up%n", rounds,
          FILES, warmUp);
      System.out.printf(Locale.ROOT, "batch, engine (ms)              %s%n", stats(engineBatch));
      System.out.printf(Locale.ROOT, "batch, processor in a loop (ms) %s%n", stats(loopBatch));
      System.out.printf(Locale.ROOT, "call wall, in the engine (us)   %s%n", stats(column(inEngine.calls, true)));
      System.out.printf(Locale.ROOT, "call wall, in the loop (us)     %s%n", stats(column(inLoop.calls, true)));
      System.out.printf(Locale.ROOT, "call CPU, in the engine (us)    %s%n", stats(column(inEngine.calls, false)));
      System.out.printf(Locale.ROOT, "call CPU, in the loop (us)      %s%n", stats(column(inLoop.calls, false)));
      System.out.printf(Locale.ROOT, "process() to first call (us)    %s%n", stats(toFirstCall));
      System.out.printf(Locale.ROOT, "last call to return (us)        %s%n", stats(afterLastCall));
      System.out.printf(Locale.ROOT, "between calls: call end to fileFinished (us)   %s%n", stats(callToFinished));
      System.out.printf(Locale.ROOT, "between calls: fileFinished to fileStarted (us) %s%n", stats(finishedToStarted));
      System.out.printf(Locale.ROOT, "between calls: fileStarted to call (us)        %s%n", stats(startedToCall));
    } finally {
      Folders.delete(folder);
    }
  }

  /** Splits each gap between consecutive calls by the listener events that fall inside it. */
  private static void split(List<long[]> calls, List<long[]> events, List<Double> callToFinished,
      List<Double> finishedToStarted, List<Double> startedToCall) {
    events.sort(Comparator.comparingLong(e -> e[1]));
    for (int i = 1; i < calls.size(); i++) {
      long end = calls.get(i - 1)[1];
      long next = calls.get(i)[0];
      long finished = -1;
      long started = -1;
      for (long[] e : events) {
        if (e[1] > end && e[1] < next) {
          if (e[0] == 2 && finished < 0) {
            finished = e[1];
          } else if (e[0] == 1 && finished >= 0) {
            started = e[1];
          }
        }
      }
      if (finished > 0 && started > 0) {
        callToFinished.add((finished - end) / 1e3);
        finishedToStarted.add((started - finished) / 1e3);
        startedToCall.add((next - started) / 1e3);
      }
    }
  }

  private static List<Double> column(List<long[]> calls, boolean wall) {
    List<Double> out = new ArrayList<>();
    synchronized (calls) {
      for (long[] c : calls) {
        out.add((wall ? c[1] - c[0] : c[2]) / 1e3);
      }
    }
    return out;
  }

  private static String stats(List<Double> values) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int n = v.size();
    return String.format(Locale.ROOT, "median %8.1f  p10 %8.1f  p90 %8.1f  (n=%d)", v.get(n / 2), v.get(n / 10),
        v.get(9 * n / 10), n);
  }
}
