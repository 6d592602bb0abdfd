package dev.filebatch.internal.fork;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The host's handle on one worker JVM: its stdin for requests, a reader thread that turns its stdout into an inbox
 * of messages (heartbeats only refresh {@link #lastHeardNanos()}), and a drainer that copies its stderr to the log
 * so a chatty processor can never block on a full pipe.
 */
final class WorkerProcess {
  private static final Logger LOG = LoggerFactory.getLogger(WorkerProcess.class);
  private static final Set<WorkerProcess> LIVE = ConcurrentHashMap.newKeySet();
  private static final Duration RETIRE_GRACE = Duration.ofSeconds(2);

  static {
    // last line of defence: no worker outlives its host JVM, even when nobody called close()
    Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(LIVE).forEach(WorkerProcess::kill),
        "filebatch-worker-cleanup"));
  }

  /** Something from the worker: a message, or (when {@code message} is null) the end of its output. */
  record Inbound(JsonNode message) {
    boolean ended() {
      return message == null;
    }
  }

  private static final Inbound END = new Inbound(null);

  private final Process process;
  private final OutputStream stdin;
  private final BlockingQueue<Inbound> inbox = new LinkedBlockingQueue<>();
  private volatile long lastHeardNanos = System.nanoTime();
  private volatile boolean ready;
  /** Completes with true when the worker says it is ready, with false if its output ends first. */
  private final CompletableFuture<Boolean> readiness = new CompletableFuture<>();
  private int files;
  private volatile long idleSinceNanos = System.nanoTime();

  private WorkerProcess(Process process) {
    this.process = process;
    this.stdin = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
  }

  /** Starts a worker; it boots while the caller goes on (the first request simply waits in the pipe). */
  static WorkerProcess start(List<String> command, Map<String, String> environment) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(environment);
    WorkerProcess w = new WorkerProcess(pb.start());
    LIVE.add(w);
    w.process.onExit().thenRun(() -> LIVE.remove(w));
    long pid = w.process.pid();
    daemon(() -> w.readOutput(), "filebatch-worker-" + pid + "-out");
    daemon(() -> drain(w.process.getErrorStream(), pid), "filebatch-worker-" + pid + "-err");
    LOG.debug("started worker {}", pid);
    return w;
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  private void readOutput() {
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lastHeardNanos = System.nanoTime();
        JsonNode message = parse(line);
        if (message == null) {
          continue;
        }
        String type = Protocol.text(message, Protocol.TYPE);
        if (Protocol.HEARTBEAT.equals(type)) {
          continue;
        }
        if (Protocol.READY.equals(type)) {
          ready = true;
          readiness.complete(true);
          continue;
        }
        inbox.add(new Inbound(message));
      }
    } catch (IOException e) {
      // the pipe broke: the worker is gone, which END reports
    } finally {
      inbox.add(END);
      readiness.complete(false);
    }
  }

  /**
   * A protocol line, or {@code null} for anything else. Native code can still write to file descriptor 1, so a line
   * may carry stray text before the message; the message is then found at its type field.
   */
  private JsonNode parse(String line) {
    int from = 0;
    for (int tries = 0; tries < 4 && from >= 0; tries++) {
      int at = line.startsWith("{") && tries == 0 ? 0 : line.indexOf("{\"t\":\"", from);
      if (at < 0) {
        break;
      }
      try {
        return Protocol.JSON.readTree(line.substring(at));
      } catch (JacksonException e) {
        from = at + 1;
      }
    }
    if (!line.isBlank()) {
      LOG.warn("worker {} wrote to its protocol channel: {}", process.pid(), abbreviate(line));
    }
    return null;
  }

  private static void drain(InputStream err, long pid) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        LOG.info("worker {}: {}", pid, abbreviate(line));
      }
    } catch (IOException e) {
      // the worker is gone
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
  }

  void send(ObjectNode message) throws IOException {
    byte[] bytes = Protocol.JSON.writeValueAsBytes(message);
    synchronized (stdin) {
      stdin.write(bytes);
      stdin.write('\n');
      stdin.flush();
    }
  }

  /** The next message or the end of output, waiting up to {@code nanos}; {@code null} if nothing came in time. */
  Inbound poll(long nanos) throws InterruptedException {
    return inbox.poll(nanos, TimeUnit.NANOSECONDS);
  }

  long lastHeardNanos() {
    return lastHeardNanos;
  }

  /** Whether the worker got far enough to say it was ready, i.e. its JVM and class path are sound. */
  boolean wasReady() {
    return ready;
  }

  /**
   * Runs the action (on the worker's reader thread) once the worker has said it is ready ({@code true}) or its
   * output has ended before that ({@code false}).
   */
  void whenReady(java.util.function.Consumer<Boolean> action) {
    readiness.thenAccept(action);
  }

  /** Whether an idle worker can take another file: alive, and nothing (such as its death) waiting unread. */
  boolean usable() {
    return process.isAlive() && inbox.isEmpty();
  }

  /** Notes that the worker has just gone back to the pool. */
  void markIdle() {
    idleSinceNanos = System.nanoTime();
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  /** Counts a finished file and returns how many this worker has run. */
  int countFile() {
    return ++files;
  }

  /** Runs the action once the process has exited. */
  void whenGone(Runnable action) {
    process.onExit().thenRun(action);
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * The worker's exit status once it has exited, waiting up to {@code timeout} (it is killed after that); -1 if it
   * could not be learned.
   */
  int exitStatus(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        return -1;
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
      return -1;
    }
  }

  /** Kills the worker and anything it started, at once. */
  void kill() {
    try {
      // descendants first: once the worker is gone they are re-parented and no longer found
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    } catch (RuntimeException e) {
      LOG.debug("could not list worker {} descendants: {}", process.pid(), e.toString());
    }
    process.destroyForcibly();
  }

  /** Asks the worker to exit by closing its stdin, and kills it if it has not after a short grace. */
  void retire() {
    try {
      synchronized (stdin) {
        stdin.close();
      }
    } catch (IOException e) {
      kill();
      return;
    }
    CompletableFuture.delayedExecutor(RETIRE_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
      if (process.isAlive()) {
        kill();
      }
    });
  }

  /** Waits until the process has gone, up to {@code timeout}; whether it has. */
  boolean awaitGone(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
