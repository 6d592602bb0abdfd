package dev.filebatch.engine;

import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.util.Base64;
import java.util.Set;

/** A PNG processor that answers at once, to show lanes are independent. */
final class FastPng implements FileProcessor<Long> {
  /** A 1x1 PNG. */
  static final byte[] PNG = Base64.getDecoder().decode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  @Override
  public String id() {
    return "fast-png";
  }

  @Override
  public Set<MediaType> supportedTypes() {
    return Set.of(MediaType.PNG);
  }

  @Override
  public Concurrency concurrency() {
    return Concurrency.parallel(2);
  }

  @Override
  public Long process(InputFile file, ProcessingContext ctx) {
    return file.size();
  }
}
