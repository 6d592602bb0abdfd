package dev.filebatch.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.BatchProcessor;
import dev.filebatch.IntakeLimits;
import dev.filebatch.Isolation;
import dev.filebatch.MediaType;
import dev.filebatch.RetrySettings;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuilderTest {
  private static FileProcessor<String> text(String id) {
    return new FileProcessor<>() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public Set<MediaType> supportedTypes() {
        return Set.of(MediaType.TEXT);
      }

      @Override
      public String process(InputFile file, ProcessingContext ctx) {
        return "";
      }
    };
  }

  @Test
  void refusesARepeatedSettingNamingTheFirstValue() {
    assertThatThrownBy(() -> BatchProcessor.builder().fileTimeout(Duration.ofSeconds(1))
        .fileTimeout(Duration.ofSeconds(2))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("file timeout was already set to PT1S");
    assertThatThrownBy(() -> BatchProcessor.builder().intakeLimits(IntakeLimits.defaults())
        .intakeLimits(IntakeLimits.defaults())).hasMessageContaining("intake limits was already set");
    assertThatThrownBy(() -> BatchProcessor.builder().retry(RetrySettings.none()).retry(RetrySettings.none()))
        .hasMessageContaining("retry settings was already set");
  }

  @Test
  void refusesTwoProcessorsWithTheSameId() {
    assertThatThrownBy(() -> BatchProcessor.builder().processor(text("a")).processor(text("a")))
        .hasMessageContaining("'a' is already registered");
  }

  @Test
  void refusesTwoProcessorsClaimingTheSameType() {
    assertThatThrownBy(() -> BatchProcessor.builder().processor(text("a")).processor(text("b")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("both claim text/plain");
  }

  @Test
  void refusesAFileTimeoutLongerThanTheBatchTimeout() {
    assertThatThrownBy(() -> BatchProcessor.builder().processor(text("a")).fileTimeout(Duration.ofMinutes(5))
        .batchTimeout(Duration.ofMinutes(1)).build()).hasMessageContaining("exceeds batch timeout");
  }

  @Test
  void refusesABuildWithoutProcessors() {
    assertThatThrownBy(() -> BatchProcessor.builder().build()).hasMessageContaining("no FileProcessor registered");
  }

  @Test
  void refusesOverridesForUnknownProcessors() {
    assertThatThrownBy(() -> BatchProcessor.builder().processor(text("a"))
        .concurrency("nope", Concurrency.sequential()).build()).hasMessageContaining("unknown processor 'nope'");
    assertThatThrownBy(() -> BatchProcessor.builder().processor(text("a"))
        .isolation("nope", Isolation.forked()).build()).hasMessageContaining("unknown processor 'nope'");
  }

  @Test
  void refusesNonPositiveTimeoutsAndThreads() {
    assertThatThrownBy(() -> BatchProcessor.builder().fileTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BatchProcessor.builder().cpuThreads(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueTypesValidateTheirLimits() {
    assertThatThrownBy(() -> new IntakeLimits(0, 30, 10, 100)).hasMessageContaining("minFiles");
    assertThatThrownBy(() -> IntakeLimits.defaults().withMaxBatchBytes(1)).hasMessageContaining("maxBatchBytes");
    assertThatThrownBy(() -> RetrySettings.defaults().withJitter(2)).hasMessageContaining("jitterFactor");
    assertThatThrownBy(() -> Isolation.forked().withMaxHeap("lots")).hasMessageContaining("maxHeap");
    assertThatThrownBy(() -> Concurrency.parallel(0)).hasMessageContaining("maxParallel");
  }

  @Test
  void discoversProcessorsWithServiceLoader() {
    try (BatchProcessor p = BatchProcessor.builder().discoverProcessors().build()) {
      assertThat(p.inspect(dev.filebatch.BatchInput.builder()
          .bytes("a.txt", "hello".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build()))
          .singleElement().satisfies(f -> assertThat(f.processor()).isEqualTo("discovered-text"));
    }
  }
}
