package dev.filebatch.engine;

import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.util.Set;

/** Registered in META-INF/services of the test class path, to prove ServiceLoader discovery. */
public final class DiscoveredTextProcessor implements FileProcessor<String> {
  @Override
  public String id() {
    return "discovered-text";
  }

  @Override
  public Set<MediaType> supportedTypes() {
    return Set.of(MediaType.TEXT);
  }

  @Override
  public String process(InputFile file, ProcessingContext ctx) {
    return file.name();
  }
}
