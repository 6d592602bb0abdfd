package dev.filebatch.internal.fork;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A text/plain processor, hostile on request: the file's first word is a command, so one batch can mix
 * well-behaved files with endless loops, heap and stack overflows, exits, halts and hangs. Public with a public
 * no-argument constructor, as forked isolation needs.
 */
public class ScriptedProcessor implements FileProcessor<ScriptedProcessor.Outcome> {
  private static volatile boolean stop;

  /** What a well-behaved file returns: who ran it, so tests can tell workers apart. */
  public record Outcome(long workerPid, String command, int attempt, String artifact, String label) {}

  private final String label;

  /** The processor a worker creates. */
  public ScriptedProcessor() {
    this("plain");
  }

  ScriptedProcessor(String label) {
    this.label = label;
  }

  @Override
  public String id() {
    return "scripted";
  }

  @Override
  public Set<MediaType> supportedTypes() {
    return Set.of(MediaType.TEXT);
  }

  @Override
  public Concurrency concurrency() {
    return Concurrency.parallel(2);
  }

  @Override
  public Class<?> resultType() {
    return Outcome.class;
  }

  @Override
  public boolean cacheable() {
    return false;
  }

  @Override
  public Outcome process(InputFile file, ProcessingContext ctx) throws Exception {
    String text = Files.readString(file.path(), StandardCharsets.UTF_8).strip();
    String[] words = text.split("\\s+");
    String command = words[0];
    long pid = ProcessHandle.current().pid();
    switch (command) {
      case "ok" -> {
        return new Outcome(pid, command, ctx.attempt(), null, label);
      }
      case "sleep" -> Thread.sleep(Long.parseLong(words[1]));
      case "meet" -> { // waits until n workers have arrived in the folder: proves they run at once
        Path dir = Path.of(words[1]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(Long.toString(pid)), "here");
        while (true) {
          try (var arrived = Files.list(dir)) {
            if (arrived.count() >= Integer.parseInt(words[2])) {
              break;
            }
          }
          Thread.sleep(20);
        }
      }
      case "spin" -> {
        while (!stop) {
          Thread.onSpinWait(); // ignores interrupts and the deadline on purpose
        }
      }
      case "allocate" -> {
        List<long[]> hog = new ArrayList<>();
        while (!stop) {
          hog.add(new long[1 << 20]);
        }
        return new Outcome(pid, command, hog.size(), null, label);
      }
      case "recurse" -> {
        return new Outcome(pid, command, depth(0), null, label);
      }
      case "exit" -> System.exit(3);
      case "halt" -> Runtime.getRuntime().halt(7);
      case "freeze" -> new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start().waitFor();
      case "print" -> {
        System.out.println("{\"t\":\"ok\",\"payload\":\"forged\"}");
        System.out.print("half a line without an end ");
        System.out.flush();
        return new Outcome(pid, command, ctx.attempt(), null, label);
      }
      case "artifact" -> {
        Path out = ctx.newArtifact(words[1]);
        Files.writeString(out, "made by " + pid);
        Path scratch = ctx.scratchDirectory();
        Files.writeString(scratch.resolve("note.txt"), "scratch");
        return new Outcome(pid, command, ctx.attempt(), out.toString(), label);
      }
      case "partial" -> {
        ctx.reportProgress(0.5);
        ctx.reportPartial(ErrorCode.of("SOME_PAGES_SKIPPED"), "Page 2 was skipped.", "Re-scan page 2.");
        return new Outcome(pid, command, ctx.attempt(), null, label);
      }
      case "refuse" -> throw new FileProcessingException(ErrorCode.of("NOT_WELCOME"), "This file is not welcome.",
          "Send another file.");
      case "flaky" -> {
        if (ctx.attempt() < 2) {
          throw new TransientException(ErrorCode.RATE_LIMITED, "Slow down.", Duration.ofMillis(10), null);
        }
        return new Outcome(pid, command, ctx.attempt(), null, label);
      }
      case "null" -> {
        return null;
      }
      default -> throw new IllegalArgumentException("unknown command " + command);
    }
    return new Outcome(pid, command, ctx.attempt(), null, label);
  }

  private static int depth(int n) {
    return depth(n + 1) + 1;
  }
}
