package dev.filebatch.internal.fork;

import dev.filebatch.BatchJson;
import dev.filebatch.ErrorCode;
import dev.filebatch.MediaType;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ProcessorFactory;
import dev.filebatch.spi.TransientException;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The entry point of a forked worker JVM: reads file requests from stdin, runs each through its processor (created
 * once per recipe and kept warm), and writes the outcome to stdout, one JSON line each. Not an API: only
 * {@link ForkedRunner} starts it.
 *
 * <p>The real stdout is kept for the protocol and {@code System.out} is pointed at stderr, so nothing a processor
 * prints can corrupt the channel; {@code System.in} is emptied for the same reason. A daemon thread sends a
 * heartbeat every interval; when that write fails the host is gone and the worker halts, so a worker busy in an
 * endless loop still dies with its host. An {@link OutOfMemoryError} anywhere ends the worker with
 * {@link Protocol#EXIT_OUT_OF_MEMORY} after reporting it: a heap that overflowed once is not trusted again.
 */
public final class WorkerMain {
  private static final String BUG_REMEDIATION =
      "The file may be damaged or use features the processor does not support; check it and try again.";

  /** The second argument that makes a worker only load its classes and exit, for {@link ClassArchive}. */
  static final String WARM_UP = "--warm-up";

  private final Channel channel;
  private final Map<String, FileProcessor<?>> processors = new HashMap<>();

  private WorkerMain(Channel channel) {
    this.channel = channel;
  }

  /**
   * Runs the worker until stdin closes.
   *
   * @param args the heartbeat interval in milliseconds (optional, default 1000)
   */
  public static void main(String[] args) {
    long heartbeatMillis = args.length > 0 ? Long.parseLong(args[0]) : 1000;
    if (args.length > 1 && WARM_UP.equals(args[1])) {
      warmUp();
      return;
    }
    OutputStream protocolOut = new FileOutputStream(FileDescriptor.out);
    BufferedReader protocolIn = new BufferedReader(
        new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8));
    System.setOut(System.err);
    System.setIn(new ByteArrayInputStream(new byte[0]));
    Channel channel = new Channel(protocolIn, protocolOut);
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      if (isOutOfMemory(e)) {
        channel.outOfMemory();
      }
      System.err.println("uncaught in worker thread " + thread.getName() + ": " + e);
    });
    Thread heartbeat = new Thread(() -> channel.heartbeat(heartbeatMillis), "filebatch-worker-heartbeat");
    heartbeat.setDaemon(true);
    heartbeat.start();
    channel.sendQuietly(Protocol.JSON.createObjectNode().put(Protocol.TYPE, Protocol.READY)
        .put("pid", ProcessHandle.current().pid()));
    new WorkerMain(channel).serve();
    System.exit(0);
  }

  /** Loads what every worker loads (protocol, JSON, the processor from the spec on stdin) and exits. */
  private static void warmUp() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      JsonNode spec = Protocol.JSON.readTree(in.readLine());
      WorkerMain worker = new WorkerMain(new Channel(in, OutputStream.nullOutputStream()));
      worker.processor(spec);
      failed(ErrorCode.PROCESSING_FAILED, "", "", false);
      Protocol.JSON.writeValueAsBytes(BatchJson.mapper().valueToTree(Map.of("warm", true)));
      Protocol.JSON.readTree("{\"t\":\"ok\"}");
    } catch (Exception | LinkageError e) {
      System.err.println("warm-up failed: " + e);
      System.exit(1);
    }
    System.exit(0);
  }

  private void serve() {
    JsonNode request;
    while ((request = channel.next()) != null) {
      if (Protocol.FILE.equals(Protocol.text(request, Protocol.TYPE))) {
        channel.sendQuietly(handle(request));
      }
    }
  }

  private ObjectNode handle(JsonNode req) {
    String name = Protocol.text(req, "name");
    try {
      FileProcessor<?> processor = processor(req.get("processor"));
      WorkerFile file = new WorkerFile(req.get("index").asInt(), name, Protocol.text(req, "origin"),
          Optional.ofNullable(Protocol.text(req, "declared_type")), MediaType.parse(Protocol.text(req,
              "detected_type")), req.get("size").asLong(), Protocol.text(req, "sha256"),
          Path.of(Protocol.text(req, "path")));
      WorkerContext ctx = new WorkerContext(channel, UUID.fromString(Protocol.text(req, "batch_id")),
          req.get("attempt").asInt(), Instant.ofEpochMilli(req.get("deadline").asLong()));
      Object result = processor.process(file, ctx);
      ObjectNode ok = Protocol.JSON.createObjectNode().put(Protocol.TYPE, Protocol.OK);
      ok.set("payload", result == null ? null : BatchJson.mapper().valueToTree(result));
      return ok;
    } catch (TransientException e) {
      ObjectNode failed = failed(e.code(), e.getMessage(), e.error().remediation(), false).put("transient", true);
      e.retryAfter().ifPresent(d -> failed.put("retry_after_ms", d.toMillis()));
      return failed;
    } catch (FileProcessingException e) {
      return failed(e.code(), e.getMessage(), e.error().remediation(), false);
    } catch (CancellationException | InterruptedException e) {
      Thread.interrupted();
      return failed(ErrorCode.TIMEOUT, "Processing " + name + " took longer than its time limit.",
          "Split or simplify the file, or raise the file timeout.", false);
    } catch (StackOverflowError e) {
      // survived, but whatever was half-initialised on the way down is suspect: retire this worker
      return failed(ErrorCode.PROCESSING_FAILED, "Processing failed: stack overflow, the file nests or recurses "
          + "deeper than the processor can follow.", "Simplify the file's structure, or raise the worker's stack "
          + "size with the JVM option -Xss.", true);
    } catch (Throwable e) {
      if (isOutOfMemory(e)) {
        channel.outOfMemory();
      }
      if (!(e instanceof Exception)) {
        e.printStackTrace();
      }
      return failed(ErrorCode.PROCESSING_FAILED, "Processing failed: " + describe(e), BUG_REMEDIATION,
          !(e instanceof Exception));
    }
  }

  private static ObjectNode failed(ErrorCode code, String message, String remediation, boolean retire) {
    return Protocol.JSON.createObjectNode().put(Protocol.TYPE, Protocol.FAILED).put("code", code.name())
        .put("message", message).put("remediation", remediation).put("retire", retire);
  }

  private FileProcessor<?> processor(JsonNode spec) throws Exception {
    String key = spec.toString();
    FileProcessor<?> cached = processors.get(key);
    if (cached != null) {
      return cached;
    }
    FileProcessor<?> created;
    try {
      ClassLoader loader = WorkerMain.class.getClassLoader();
      String factory = Protocol.text(spec, "factory");
      if (factory != null) {
        Map<String, String> options = new LinkedHashMap<>();
        spec.get("options").properties().forEach(en -> options.put(en.getKey(), en.getValue().asString()));
        created = ((ProcessorFactory) newInstance(Class.forName(factory, true, loader))).create(options);
      } else {
        created = (FileProcessor<?>) newInstance(Class.forName(Protocol.text(spec, "class"), true, loader));
      }
    } catch (FileProcessingException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      e.printStackTrace();
      throw new FileProcessingException(ErrorCode.PROCESSING_FAILED,
          "The processor could not be created in its worker process: " + describe(e),
          "Check that the processor's class or recipe factory is on the class path and has a public no-argument "
              + "constructor.", e);
    }
    processors.put(key, created);
    return created;
  }

  private static Object newInstance(Class<?> type) throws ReflectiveOperationException {
    Constructor<?> ctor = type.getDeclaredConstructor();
    ctor.setAccessible(true);
    return ctor.newInstance();
  }

  static boolean isOutOfMemory(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof OutOfMemoryError) {
        return true;
      }
    }
    return false;
  }

  static String describe(Throwable e) {
    String msg = e.getMessage();
    String type = e.getClass().getSimpleName();
    return msg == null || msg.isBlank() ? type : type + ": " + msg;
  }

  /** The worker's end of the pipe pair: line-oriented, writes serialised so heartbeats never split a line. */
  static final class Channel {
    private final BufferedReader in;
    private final OutputStream raw;
    private final OutputStream out;
    private final Object asking = new Object();

    Channel(BufferedReader in, OutputStream raw) {
      this.in = in;
      this.raw = raw;
      this.out = new BufferedOutputStream(raw, 1 << 16);
    }

    /** The next message from the host, or {@code null} when it closed the pipe. */
    JsonNode next() {
      try {
        String line = in.readLine();
        return line == null ? null : Protocol.JSON.readTree(line);
      } catch (IOException e) {
        return null;
      }
    }

    void send(ObjectNode message) throws IOException {
      byte[] bytes = Protocol.JSON.writeValueAsBytes(message);
      synchronized (this) {
        out.write(bytes);
        out.write('\n');
        out.flush();
      }
    }

    void sendQuietly(ObjectNode message) {
      try {
        send(message);
      } catch (IOException e) {
        Runtime.getRuntime().halt(Protocol.EXIT_HOST_GONE);
      }
    }

    /** Sends a request and waits for the host's reply; one at a time, as only the file's thread reads stdin. */
    JsonNode ask(ObjectNode request) throws IOException {
      synchronized (asking) {
        send(request);
        JsonNode reply = next();
        if (reply == null) {
          Runtime.getRuntime().halt(Protocol.EXIT_HOST_GONE);
        }
        return reply;
      }
    }

    void heartbeat(long intervalMillis) {
      while (true) {
        try {
          Thread.sleep(intervalMillis);
          synchronized (this) {
            out.write(Protocol.HEARTBEAT_LINE);
            out.flush();
          }
        } catch (IOException e) {
          Runtime.getRuntime().halt(Protocol.EXIT_HOST_GONE); // orphaned: the host died without closing us
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** Reports the OOM without allocating and halts; the leading newline ends any half-written line. */
    void outOfMemory() {
      try {
        raw.write('\n');
        raw.write(Protocol.OOM_LINE);
        raw.flush();
      } catch (IOException | RuntimeException | Error ignored) {
        // the exit status tells the host anyway
      }
      Runtime.getRuntime().halt(Protocol.EXIT_OUT_OF_MEMORY);
    }
  }
}
