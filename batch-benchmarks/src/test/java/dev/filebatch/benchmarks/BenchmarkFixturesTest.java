package dev.filebatch.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.filebatch.BatchInput;
import dev.filebatch.BatchProcessor;
import dev.filebatch.BatchResult;
import dev.filebatch.IntakeLimits;
import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fixtures the benchmarks measure with are valid batches: every file succeeds. No timing is asserted. */
class BenchmarkFixturesTest {

  @ParameterizedTest
  @ValueSource(ints = {ZipEntry.STORED, ZipEntry.DEFLATED})
  void randomZipExpandsIntoEverySuccessfulFile(int method, @TempDir Path dir) throws Exception {
    RandomZip spec = new RandomZip(3, 200_000, method);
    Path zip = spec.writeTo(dir.resolve("batch.zip"));
    try (BatchProcessor engine = BatchProcessor.builder().processor(new NoOpProcessor(MediaType.OCTET_STREAM))
        .workspaceRoot(dir.resolve("ws")).build()) {
      BatchResult r = engine.process(BatchInput.of(zip));
      assertThat(r.successfulFiles()).isEqualTo(3);
      assertThat(r.files()).allSatisfy(f -> assertThat(f.size()).isEqualTo(200_000));
    }
  }

  @Test
  void largestDefaultZipFitsTheDefaultBatchCapWithItsHeaders() {
    RandomZip spec = RandomZip.justUnderDefaults(ZipEntry.STORED);
    assertThat(spec.files()).isEqualTo(30);
    assertThat(spec.contentBytes()).isLessThanOrEqualTo(IntakeLimits.DEFAULT_MAX_BATCH_BYTES - 64 * 1024);
    assertThat(spec.bytesPerFile()).isLessThan(IntakeLimits.DEFAULT_MAX_FILE_BYTES);
  }

  @Test
  void sameSeedGivesSameArchive(@TempDir Path dir) throws Exception {
    RandomZip spec = new RandomZip(2, 70_000, ZipEntry.STORED);
    assertThat(Files.readAllBytes(spec.writeTo(dir.resolve("a.zip"))))
        .isEqualTo(Files.readAllBytes(spec.writeTo(dir.resolve("b.zip"))));
  }

  @Test
  void laneProcessorsSucceedOnEveryFile() {
    try (BatchProcessor waiting = BatchProcessor.builder()
            .processor(new WaitingProcessor(Duration.ofMillis(1), Concurrency.parallel(5))).build();
        BatchProcessor hashing = BatchProcessor.builder()
            .processor(new HashingProcessor(3, Concurrency.cpuBound(2))).build()) {
      assertThat(waiting.process(LaneBenchmark.batch()).successfulFiles()).isEqualTo(LaneBenchmark.FILES);
      assertThat(hashing.process(LaneBenchmark.batch()).successfulFiles()).isEqualTo(LaneBenchmark.FILES);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "uploads"})
  void engineOverheadFixtureSetsUpAndRuns(String bodies) throws Exception {
    EngineOverheadBenchmark b = new EngineOverheadBenchmark();
    b.bodies = bodies;
    b.setUp(); // throws unless all 30 files succeed
    try {
      assertThat(b.engine().successfulFiles()).isEqualTo(EngineOverheadBenchmark.FILES);
      assertThat(b.intakeOnly()).hasSize(EngineOverheadBenchmark.FILES)
          .allSatisfy(i -> assertThat(i.processor()).isEqualTo("no-op"));
    } finally {
      b.tearDown();
    }
  }
}
