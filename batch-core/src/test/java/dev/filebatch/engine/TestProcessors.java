package dev.filebatch.engine;

import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.TransientException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A text/plain processor whose behaviour is scripted by the file's content, so one batch can mix successes,
 * failures, hangs and retries: the first line is a command.
 */
final class TestProcessors {
  private TestProcessors() {}

  static final class Scripted implements FileProcessor<String> {
    final AtomicInteger inFlight = new AtomicInteger();
    final AtomicInteger maxInFlight = new AtomicInteger();
    final AtomicInteger calls = new AtomicInteger();
    final ConcurrentHashMap<String, AtomicInteger> attemptsByFile = new ConcurrentHashMap<>();
    private final String id;
    private final Concurrency concurrency;
    private boolean cacheable;

    Scripted(String id, Concurrency concurrency) {
      this.id = id;
      this.concurrency = concurrency;
    }

    /** Results name the file, so only tests about the cache (same bytes, same result) turn caching on. */
    Scripted cached() {
      cacheable = true;
      return this;
    }

    @Override
    public boolean cacheable() {
      return cacheable;
    }

    Scripted() {
      this("scripted", Concurrency.parallel(4));
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Set<MediaType> supportedTypes() {
      return Set.of(MediaType.TEXT);
    }

    @Override
    public Concurrency concurrency() {
      return concurrency;
    }

    @Override
    public Class<?> resultType() {
      return String.class;
    }

    @Override
    public String process(InputFile file, ProcessingContext ctx) throws Exception {
      calls.incrementAndGet();
      int now = inFlight.incrementAndGet();
      maxInFlight.accumulateAndGet(now, Math::max);
      try {
        String text = Files.readString(file.path(), StandardCharsets.UTF_8).strip();
        int attempt = attemptsByFile.computeIfAbsent(file.name(), k -> new AtomicInteger()).incrementAndGet();
        String[] cmd = text.split(" ");
        switch (cmd[0]) {
          case "sleep" -> Thread.sleep(Long.parseLong(cmd[1]));
          case "hang" -> {
            while (true) {
              Thread.sleep(10_000);
            }
          }
          case "spin" -> {
            // ignores interrupts: the engine must still end the file
            long until = System.nanoTime() + Duration.ofMillis(Long.parseLong(cmd[1])).toNanos();
            while (System.nanoTime() < until) {
              Thread.onSpinWait();
            }
          }
          case "fail" -> throw new FileProcessingException(ErrorCode.of("SCRIPTED_FAILURE"), "scripted failure",
              "none");
          case "boom" -> throw new IllegalStateException("boom");
          case "error" -> throw new AssertionError("an Error, not a VirtualMachineError");
          case "flaky" -> {
            if (attempt < Integer.parseInt(cmd[1])) {
              throw new TransientException("flaky attempt " + attempt);
            }
          }
          case "retryafter" -> {
            if (attempt == 1) {
              throw new TransientException(ErrorCode.RATE_LIMITED, "slow down", Duration.ofMillis(300), null);
            }
          }
          case "always-transient" -> throw new TransientException(ErrorCode.RATE_LIMITED, "still limited",
              null, null);
          case "slow-transient" -> {
            // swallows the interrupt and fails as retryable: the engine must stop retrying once the file ended
            try {
              Thread.sleep(Long.parseLong(cmd[1]));
            } catch (InterruptedException e) {
              // ignored on purpose
            }
            throw new TransientException("slow and failing");
          }
          case "partial" -> ctx.reportPartial(ErrorCode.of("SOME_MISSING"), "half of it", "try a better scan");
          case "artifact" -> Files.writeString(ctx.newArtifact(file.name() + ".out"), "out");
          default -> { }
        }
        return "ok:" + file.name();
      } finally {
        inFlight.decrementAndGet();
      }
    }
  }
}
