package dev.filebatch.internal.fork;

import dev.filebatch.BatchJson;
import dev.filebatch.ErrorCode;
import dev.filebatch.Isolation;
import dev.filebatch.internal.intake.StagedFile;
import dev.filebatch.spi.FileProcessingException;
import dev.filebatch.spi.FileProcessor;
import dev.filebatch.spi.ProcessingContext;
import dev.filebatch.spi.ProcessorRecipe;
import dev.filebatch.spi.TransientException;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one processor's files in a pool of worker JVMs (see the package comment for the design). Each call of
 * {@link #run} borrows a warm worker (or starts one), sends it the file, and waits, interruptibly, for the outcome
 * while serving the worker's artifact and scratch requests. A worker that overruns the deadline, stops sending
 * heartbeats, runs out of memory or dies is killed with everything it started, and the file fails with
 * {@code TIMEOUT}, {@code OUT_OF_MEMORY} or {@code WORKER_CRASHED}; the next file gets a fresh worker. Healthy
 * workers are recycled after {@link Isolation#filesPerWorker()} files.
 *
 * <p>Thread-safe: the engine calls {@link #run} from each of the lane's threads, at most {@code maxWorkers} at once.
 */
public final class ForkedRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ForkedRunner.class);
  /** The engine's own deadline timer normally ends the file first (with its message); this is the backstop. */
  private static final Duration DEADLINE_GRACE = Duration.ofMillis(100);
  private static final Duration EXIT_WAIT = Duration.ofSeconds(2);

  private final FileProcessor<?> processor;
  private final Isolation isolation;
  private final int maxWorkers;
  private final Duration fileTimeout;
  private final ObjectNode processorSpec;
  private final List<String> jvmOptions;
  private final String classPath;
  private final String mainArgument;
  private final ClassArchive archive;
  private final Map<String, String> environment;
  /** Ready workers waiting for a file; also the monitor for {@link #booting} and for borrowers waiting on it. */
  private final Deque<WorkerProcess> idle = new ArrayDeque<>();
  /** Replacements started by {@link #prestart} that have not yet said they are ready; guarded by {@link #idle}. */
  private int booting;
  private final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
  private final Set<WorkerProcess> all = ConcurrentHashMap.newKeySet();
  private final Duration idleLimit;
  private final ScheduledFuture<?> idleSweep;
  private volatile boolean closed;
  private final java.util.concurrent.locks.ReentrantReadWriteLock startLock =
      new java.util.concurrent.locks.ReentrantReadWriteLock();

  /** One daemon thread for every runner's idle sweep. */
  private static final ScheduledExecutorService SWEEPER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "filebatch-worker-idle-sweep");
    t.setDaemon(true);
    return t;
  });
  /** Idle workers are retired after this long, so a quiet lane gives its memory back. */
  static final Duration IDLE_LIMIT = Duration.ofMinutes(5);

  /**
   * A runner for one processor.
   *
   * @param processor the processor, re-created in each worker from its {@link FileProcessor#recipe()} or class
   * @param isolation heap, JVM options, recycling and hang settings; must be forked
   * @param maxWorkers the pool size: the lane's parallelism
   * @param fileTimeout the engine's file time limit, named in timeout messages
   * @throws IllegalStateException if the processor cannot be re-created in a worker
   */
  public ForkedRunner(FileProcessor<?> processor, Isolation isolation, int maxWorkers, Duration fileTimeout) {
    this(processor, isolation, maxWorkers, fileTimeout, IDLE_LIMIT);
  }

  ForkedRunner(FileProcessor<?> processor, Isolation isolation, int maxWorkers, Duration fileTimeout,
      Duration idleLimit) {
    checkForkable(processor);
    if (!isolation.isForked()) {
      throw new IllegalArgumentException("isolation is not forked: " + isolation);
    }
    if (maxWorkers < 1) {
      throw new IllegalArgumentException("maxWorkers must be at least 1, was " + maxWorkers);
    }
    this.processor = processor;
    this.isolation = isolation;
    this.maxWorkers = maxWorkers;
    this.fileTimeout = fileTimeout;
    this.processorSpec = specOf(processor);
    this.jvmOptions = jvmOptionsFor(isolation);
    this.classPath = System.getProperty("java.class.path");
    long hangMillis = isolation.hangTimeout().toMillis();
    this.mainArgument = Long.toString(Math.max(50, Math.min(1000, hangMillis / 4))); // the heartbeat interval
    this.archive = ClassArchive.forWorkers(jvmOptions, classPath);
    this.idleLimit = idleLimit;
    long every = Math.max(50, idleLimit.toMillis() / 2);
    this.idleSweep = SWEEPER.scheduleWithFixedDelay(this::retireIdle, every, every, TimeUnit.MILLISECONDS);
    this.environment = Map.of("OMP_THREAD_LIMIT", System.getenv().getOrDefault("OMP_THREAD_LIMIT", "1"));
  }

  /**
   * Refuses a processor a worker could not re-create: one with neither a {@link FileProcessor#recipe()} nor a
   * public no-argument constructor on a named class.
   *
   * @throws IllegalStateException saying what to add
   */
  public static void checkForkable(FileProcessor<?> processor) {
    if (processor.recipe().isPresent()) {
      return;
    }
    Class<?> type = processor.getClass();
    boolean named = !type.isAnonymousClass() && !type.isLocalClass() && !type.isSynthetic()
        && !type.isHidden() && (type.getEnclosingClass() == null || Modifier.isStatic(type.getModifiers()));
    boolean noArg;
    try {
      type.getConstructor();
      noArg = true;
    } catch (NoSuchMethodException e) {
      noArg = false;
    }
    if (!named || !noArg) {
      throw new IllegalStateException("processor '" + processor.id() + "' cannot run with forked isolation: a worker "
          + "JVM must re-create it, but it has no recipe() and its class " + type.getName() + " has no public "
          + "no-argument constructor; give it a recipe() (a ProcessorFactory and options) or keep it in-process");
    }
  }

  private static ObjectNode specOf(FileProcessor<?> processor) {
    ObjectNode spec = Protocol.JSON.createObjectNode();
    Optional<ProcessorRecipe> recipe = processor.recipe();
    if (recipe.isPresent()) {
      spec.put("factory", recipe.get().factoryClass());
      ObjectNode options = spec.putObject("options");
      // sorted so the worker's cache key does not depend on map order
      new java.util.TreeMap<>(recipe.get().options()).forEach(options::put);
    } else {
      spec.put("class", processor.getClass().getName());
    }
    return spec;
  }

  /** A worker's first heap: small, so its memory grows with what it needs rather than with the machine's RAM. */
  static final long INITIAL_HEAP = 16L << 20;

  /**
   * The worker's java command up to the class path. Defaults, each dropped when {@link Isolation#jvmOptions()} sets
   * the same thing: the serial collector; an initial heap of {@link #INITIAL_HEAP} (the JVM's default is 1/64 of the
   * machine's memory, which a worker fills with garbage before its first collection: 300+ MB of RSS for SVG
   * conversion at -Xmx512m) grown only when less than 10% is free after a collection (the default is 40%: 158 against
   * 119 MB of RSS per worker on 431 resvg files); and the C1 compiler only ({@code -XX:TieredStopAtLevel=1}), because a worker lives for
   * at most {@link Isolation#filesPerWorker()} files, too short for C2's compilations to repay their CPU (measured
   * on 431 resvg files: 32 instead of 57 ms of CPU per file).
   */
  static List<String> jvmOptionsFor(Isolation isolation) {
    String exe = System.getProperty("os.name", "").startsWith("Windows") ? "java.exe" : "java";
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", exe).toString());
    cmd.add("-Xmx" + isolation.maxHeap());
    List<String> own = isolation.jvmOptions();
    if (own.stream().noneMatch(o -> o.matches("-XX:\\+Use\\w*GC"))) {
      cmd.add("-XX:+UseSerialGC"); // one file at a time in a small heap: the cheapest collector, fewest threads
    }
    if (own.stream().noneMatch(o -> o.startsWith("-Xms") || o.startsWith("-XX:InitialHeapSize="))) {
      cmd.add("-Xms" + Math.min(INITIAL_HEAP, bytes(isolation.maxHeap())) / 1024 + "k");
    }
    if (own.stream().noneMatch(o -> o.contains("HeapFreeRatio="))) {
      // the serial collector grows the heap when under 40% of it is free after a collection and keeps it; a worker's
      // live set is small and its garbage large, so it only needs to grow when nearly full, and may give back more
      cmd.add("-XX:MinHeapFreeRatio=10");
      cmd.add("-XX:MaxHeapFreeRatio=30");
    }
    if (own.stream().noneMatch(o -> o.startsWith("-XX:TieredStopAtLevel=") || o.endsWith("TieredCompilation"))) {
      cmd.add("-XX:TieredStopAtLevel=1");
    }
    cmd.add("-XX:-UsePerfData");
    cmd.add("-XX:+DisplayVMOutputToStderr"); // keep JVM warnings off the protocol channel
    cmd.add("-XX:ErrorFile=" + Path.of(System.getProperty("java.io.tmpdir"), "filebatch-worker-hs_err_%p.log"));
    cmd.add("-Djava.awt.headless=true");
    if (Runtime.version().feature() >= 22) {
      // processors may load native code (Tesseract via JavaCPP); say so rather than print a warning per worker
      cmd.add("--enable-native-access=ALL-UNNAMED");
    }
    cmd.addAll(isolation.jvmOptions());
    return List.copyOf(cmd);
  }

  /** {@code 512m} and the like (validated by {@link Isolation}) in bytes. */
  private static long bytes(String size) {
    char unit = Character.toLowerCase(size.charAt(size.length() - 1));
    int shift = switch (unit) {
      case 'k' -> 10;
      case 'm' -> 20;
      case 'g' -> 30;
      default -> 0;
    };
    return Long.parseLong(shift == 0 ? size : size.substring(0, size.length() - 1)) << shift;
  }

  /** The worker command: the archive joins in once it is ready, so later workers boot faster. */
  private List<String> command() {
    List<String> cmd = new ArrayList<>(jvmOptions);
    cmd.addAll(archive.options());
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(WorkerMain.class.getName());
    cmd.add(mainArgument);
    return cmd;
  }

  /**
   * Runs one attempt of a file in a worker.
   *
   * @return the worker's result, read back as the processor's {@link FileProcessor#resultType()}
   * @throws FileProcessingException with {@code TIMEOUT}, {@code OUT_OF_MEMORY}, {@code WORKER_CRASHED} or the
   *     processor's own code
   * @throws InterruptedException when the engine ends the file early; the worker is killed first
   * @throws CancellationException when this runner is closed meanwhile
   */
  public Object run(StagedFile file, ProcessingContext ctx) throws Exception {
    WorkerProcess worker = borrow();
    boolean keep = false;
    try {
      try {
        worker.send(request(file, ctx));
      } catch (IOException e) {
        // the worker died under us; waiting below reads its end and says how
        LOG.debug("could not send to worker {}: {}", worker.pid(), e.toString());
      }
      Reply reply = await(worker, file, ctx);
      keep = !reply.retire;
      if (reply.failure != null) {
        throw reply.failure;
      }
      return reply.payload;
    } finally {
      release(worker, keep);
    }
  }

  private record Reply(Object payload, FileProcessingException failure, boolean retire) {}

  private ObjectNode request(StagedFile file, ProcessingContext ctx) {
    ObjectNode r = Protocol.JSON.createObjectNode().put(Protocol.TYPE, Protocol.FILE);
    r.set("processor", processorSpec);
    r.put("index", file.index())
        .put("name", file.name())
        .put("origin", file.origin())
        .put("declared_type", file.declaredType().orElse(null))
        .put("detected_type", file.detectedType().toString())
        .put("size", file.size())
        .put("sha256", file.sha256())
        .put("path", file.path().toAbsolutePath().toString())
        .put("batch_id", ctx.batchId().toString())
        .put("attempt", ctx.attempt())
        .put("deadline", ctx.deadline().toEpochMilli());
    return r;
  }

  private Reply await(WorkerProcess worker, StagedFile file, ProcessingContext ctx) throws Exception {
    long hangNanos = isolation.hangTimeout().toNanos();
    while (true) {
      long toDeadline = Duration.between(Instant.now(), ctx.deadline()).plus(DEADLINE_GRACE).toNanos();
      if (toDeadline <= 0) {
        throw new FileProcessingException(ErrorCode.TIMEOUT, "Processing " + file.name() + " took longer than the "
            + "file time limit of " + human(fileTimeout) + "; its worker process was stopped.",
            "Split or simplify the file, or raise the file timeout.");
      }
      // silence counts once the worker has booted: a slow start on a busy machine is the deadline's business
      boolean ready = worker.wasReady();
      long toHang = ready ? worker.lastHeardNanos() + hangNanos - System.nanoTime() : hangNanos;
      if (ready && toHang <= 0) {
        throw new FileProcessingException(ErrorCode.WORKER_CRASHED, "The worker process running " + file.name()
            + " stopped responding (no sign of life for " + human(isolation.hangTimeout()) + ") and was stopped.",
            "The file may drive the processor into a native hang or fill its heap; raise the worker heap or check "
                + "the file.");
      }
      WorkerProcess.Inbound in = worker.poll(Math.min(toDeadline, toHang));
      if (in == null) {
        continue;
      }
      if (in.ended()) {
        throw death(worker, file, false);
      }
      JsonNode m = in.message();
      String type = Protocol.text(m, Protocol.TYPE);
      switch (type == null ? "" : type) {
        case Protocol.OK -> {
          return new Reply(payload(m.get("payload"), file), null, false);
        }
        case Protocol.FAILED -> {
          return new Reply(null, failure(m), m.path("retire").asBoolean(false));
        }
        case Protocol.OOM -> throw death(worker, file, true);
        case Protocol.ARTIFACT -> reply(worker, () -> ctx.newArtifact(Protocol.text(m, "name")));
        case Protocol.SCRATCH -> reply(worker, ctx::scratchDirectory);
        case Protocol.PARTIAL -> ctx.reportPartial(ErrorCode.of(Protocol.text(m, "code")),
            Protocol.text(m, "message"), Protocol.text(m, "remediation"));
        case Protocol.PROGRESS -> ctx.reportProgress(m.path("fraction").asDouble(0));
        default -> LOG.warn("worker {} sent an unknown message type '{}'", worker.pid(), type);
      }
    }
  }

  private Object payload(JsonNode node, StagedFile file) throws FileProcessingException {
    if (node == null || node.isNull()) {
      return null; // the engine reports a processor that returned nothing
    }
    try {
      return BatchJson.mapper().treeToValue(node, processor.resultType());
    } catch (RuntimeException e) {
      throw new FileProcessingException(ErrorCode.PROCESSING_FAILED, "The result for " + file.name()
          + " could not be read back from its worker process: " + WorkerMain.describe(e),
          "This is a bug in processor '" + processor.id() + "': its resultType() must describe what process() "
              + "returns, in a form BatchJson can read.", e);
    }
  }

  private static FileProcessingException failure(JsonNode m) {
    ErrorCode code = ErrorCode.of(Protocol.text(m, "code"));
    String message = Protocol.text(m, "message");
    if (m.path("transient").asBoolean(false)) {
      JsonNode after = m.get("retry_after_ms");
      return new TransientException(code, message,
          after == null || after.isNull() ? null : Duration.ofMillis(after.asLong()), null);
    }
    return new FileProcessingException(code, message, Protocol.text(m, "remediation"));
  }

  @FunctionalInterface
  private interface PathSource {
    Path get() throws IOException;
  }

  private static void reply(WorkerProcess worker, PathSource source) throws IOException {
    ObjectNode reply = Protocol.JSON.createObjectNode().put(Protocol.TYPE, Protocol.PATH);
    try {
      reply.put("path", source.get().toAbsolutePath().toString());
    } catch (IOException | RuntimeException e) {
      reply.put("error", WorkerMain.describe(e));
    }
    worker.send(reply);
  }

  /** Explains how the worker ended while it held the file. */
  private Exception death(WorkerProcess worker, StagedFile file, boolean reportedOom) {
    int status = worker.exitStatus(EXIT_WAIT);
    if (closed) {
      return new CancellationException("the forked runner was closed while " + file.name() + " was running");
    }
    if (reportedOom || status == Protocol.EXIT_OUT_OF_MEMORY) {
      return new FileProcessingException(ErrorCode.OUT_OF_MEMORY, "Processing " + file.name() + " ran out of "
          + "memory in its worker process (heap limit " + isolation.maxHeap() + "); the worker was replaced.",
          "Send a smaller or simpler file, or raise the worker heap.");
    }
    String how = status < 0 ? "for an unknown reason"
        : status > 128 ? "with exit status " + status + " (signal " + (status - 128) + ")"
        : "with exit status " + status;
    return new FileProcessingException(ErrorCode.WORKER_CRASHED, "The worker process running " + file.name()
        + " stopped unexpectedly " + how + "; the worker was replaced.",
        "The file probably makes the processor crash or exit; check the file, or report it to the processor's "
            + "authors.");
  }

  /**
   * A ready idle worker; else, when a replacement is booting, that one once it is ready (rather than a second new
   * JVM beside it, though for no longer than the hang timeout); else a new worker, which boots while its first
   * request waits in the pipe.
   */
  private WorkerProcess borrow() throws IOException, InterruptedException {
    long giveUp = System.nanoTime() + isolation.hangTimeout().toNanos();
    synchronized (idle) {
      while (true) {
        ensureOpen();
        WorkerProcess w = idle.pollFirst();
        if (w != null) {
          if (w.usable()) {
            return w;
          }
          discard(w);
        } else if (booting > 0 && giveUp - System.nanoTime() > 0) {
          // notified when a worker comes back, a replacement is ready or gone, and on close
          TimeUnit.NANOSECONDS.timedWait(idle, giveUp - System.nanoTime());
        } else {
          break;
        }
      }
    }
    return startWorker();
  }

  private WorkerProcess startWorker() throws IOException {
    // starts hold the read lock, close() the write lock: close() waits for a start under way, and no process is
    // started once close() has begun, so nothing it did not see can outlive it
    startLock.readLock().lock();
    try {
      ensureOpen();
      WorkerProcess w = WorkerProcess.start(command(), environment);
      started.incrementAndGet();
      all.add(w);
      w.whenGone(() -> all.remove(w)); // a retiring worker stays known until it has really exited
      archive.makeInBackground(jvmOptions, classPath, processorSpec.toString());
      return w;
    } finally {
      startLock.readLock().unlock();
    }
  }

  private void release(WorkerProcess worker, boolean keep) {
    boolean recycle = keep && worker.countFile() >= isolation.filesPerWorker();
    if (keep && !recycle) {
      synchronized (idle) {
        if (!closed && idle.size() < maxWorkers) {
          worker.markIdle();
          idle.addFirst(worker); // most recently used first: its caches are the warmest
          idle.notifyAll();
          return;
        }
      }
      retire(worker);
      return;
    }
    boolean replace = worker.wasReady() && !closed;
    if (recycle) {
      retire(worker);
    } else {
      discard(worker);
      worker.awaitGone(EXIT_WAIT); // gone (and reaped) before the lane takes its next file
    }
    if (replace) {
      prestart(); // the replacement boots now rather than on the next file's clock
    }
  }

  /**
   * Starts a replacement that joins the idle workers only once it has said it is ready, so no file is handed a JVM
   * still booting while a ready worker might come free first; a borrower that finds no idle worker meanwhile waits
   * for it instead of starting yet another JVM.
   */
  private void prestart() {
    WorkerProcess w;
    synchronized (idle) {
      booting++;
    }
    try {
      w = startWorker();
    } catch (IOException | RuntimeException e) { // CancellationException included
      synchronized (idle) {
        booting--;
        idle.notifyAll();
      }
      if (!(e instanceof CancellationException)) { // closed meanwhile: no replacement is wanted
        LOG.warn("could not start a replacement worker for '{}': {}", processor.id(), e.toString());
      }
      return;
    }
    w.whenReady(ready -> {
      synchronized (idle) {
        booting--;
        idle.notifyAll();
        if (ready && !closed && idle.size() < maxWorkers) {
          w.markIdle();
          idle.addLast(w);
          return;
        }
      }
      discard(w);
    });
  }

  private void retireIdle() {
    List<WorkerProcess> quiet = new ArrayList<>();
    synchronized (idle) {
      long cutoff = System.nanoTime() - idleLimit.toNanos();
      idle.removeIf(w -> w.idleSinceNanos() - cutoff < 0 && quiet.add(w));
    }
    quiet.forEach(this::retire);
  }

  private void retire(WorkerProcess w) {
    w.retire();
  }

  private void discard(WorkerProcess w) {
    w.kill();
  }

  private void ensureOpen() {
    if (closed) {
      throw new CancellationException("the forked runner for '" + processor.id() + "' is closed");
    }
  }

  /** How many worker JVMs this runner has started, for tests. */
  int workersStarted() {
    return started.get();
  }

  /** Whether every idle worker has said it is ready, for tests. */
  boolean idleWorkersAreReady() {
    synchronized (idle) {
      return idle.stream().allMatch(WorkerProcess::wasReady);
    }
  }

  /** The pids of the workers now alive, idle or busy, for diagnostics and tests. */
  List<Long> workerPids() {
    return all.stream().filter(WorkerProcess::isAlive).map(WorkerProcess::pid).toList();
  }

  /** Kills every worker, waits until they are gone, and refuses further files. Idempotent. */
  @Override
  public void close() {
    closed = true;
    idleSweep.cancel(false);
    List<WorkerProcess> victims;
    startLock.writeLock().lock(); // waits for a worker start under way; later starts see closed
    try {
      synchronized (idle) {
        idle.clear();
        idle.notifyAll(); // borrowers waiting for a replacement see closed
        victims = List.copyOf(all);
      }
      victims.forEach(WorkerProcess::kill);
      archive.stopMaking();
    } finally {
      startLock.writeLock().unlock();
    }
    for (WorkerProcess w : victims) {
      if (!w.awaitGone(Duration.ofSeconds(5))) {
        LOG.warn("worker {} of '{}' did not exit after being killed", w.pid(), processor.id());
      }
    }
  }

  private static String human(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
  }
}
