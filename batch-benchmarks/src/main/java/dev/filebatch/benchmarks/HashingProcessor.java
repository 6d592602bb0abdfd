package dev.filebatch.benchmarks;

import dev.filebatch.MediaType;
import dev.filebatch.spi.Concurrency;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.InputFile;
import dev.filebatch.spi.ProcessingContext;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Set;

/**
 * Stands for a CPU-bound processor: hashes the file's bytes with SHA-256 a fixed number of rounds, each round over
 * the bytes and the previous digest, so the work is fixed (not a fixed time) and cannot be skipped.
 */
public final class HashingProcessor implements FileProcessor<String> {
  private final int rounds;
  private final Concurrency concurrency;

  /** Hashes each plain-text file {@code rounds} times, with the given lane concurrency. */
  public HashingProcessor(int rounds, Concurrency concurrency) {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
    }
    this.rounds = rounds;
    this.concurrency = concurrency;
  }

  @Override
  public String id() {
    return "hashing";
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
  public boolean cacheable() {
    return false;
  }

  @Override
  public String process(InputFile file, ProcessingContext ctx) throws Exception {
    return HexFormat.of().formatHex(hash(Files.readAllBytes(file.path()), rounds));
  }

  /** The work itself, also called directly to calibrate and to time one file without the engine. */
  public static byte[] hash(byte[] bytes, int rounds) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] digest = new byte[32];
    for (int i = 0; i < rounds; i++) {
      sha.update(bytes);
      sha.update(digest);
      digest = sha.digest();
    }
    return digest;
  }
}
