package dev.filebatch.examples;

import dev.filebatch.ErrorCode;
import dev.filebatch.FileResult;
import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.Summarizer;
import dev.filebatch.spi.SummaryContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** Counts the words of plain-text files; the batch summary adds them up. */
public final class WordCountProcessor implements FileProcessor<WordCountProcessor.Count> {

  /** What one file yields; serialised as {"lines": .., "words": ..}. */
  public record Count(long lines, long words) {}

  /** The batch summary; serialised as {"files": .., "total_words": ..}. */
  public record Total(int files, long totalWords) {}

  @Override
  public String id() {
    return "word-count"; // names the lane and is part of cache keys
  }

  @Override
  public Set<MediaType> supportedTypes() {
    return Set.of(MediaType.TEXT); // routed by the type detected from content, not by the file name
  }

  @Override
  public Concurrency concurrency() {
    return Concurrency.cpuBound(2); // at most two files at once, sharing the CPU pool
  }

  @Override
  public Class<?> resultType() {
    return Count.class; // lets forked workers and remote caches rebuild the result from JSON
  }

  @Override
  public Count process(InputFile file, ProcessingContext ctx) throws Exception {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    long lines = 0;
    long words = 0;
    try (var reader = new BufferedReader(new InputStreamReader(file.openStream(), decoder))) {
      String line;
      while ((line = reader.readLine()) != null) {
        ctx.checkCancelled(); // stop promptly on timeout or cancellation
        lines++;
        String trimmed = line.strip();
        if (!trimmed.isEmpty()) {
          words += trimmed.split("\\s+").length;
        }
      }
    } catch (CharacterCodingException e) {
      // a typed failure: this file ends FAILED with the code, the rest of the batch goes on
      throw new FileProcessingException(ErrorCode.of("NOT_UTF8"), file.name() + " is not UTF-8 text.",
          "Save the file as UTF-8 and upload it again.", e);
    }
    if (words == 0) {
      ctx.reportPartial(ErrorCode.of("NO_WORDS"), file.name() + " has no words.", "Check the file's content.");
    }
    return new Count(lines, words);
  }

  /** Adds up the words of every file that produced a count. */
  public static final class Summary implements Summarizer<Total> {
    @Override
    public Total summarize(List<FileResult> files, SummaryContext ctx) {
      long words = files.stream().filter(FileResult::hasPayload)
          .mapToLong(f -> f.payload(Count.class).words()).sum();
      return new Total((int) files.stream().filter(FileResult::hasPayload).count(), words);
    }
  }
}
