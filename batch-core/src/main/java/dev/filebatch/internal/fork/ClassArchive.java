package dev.filebatch.internal.fork;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class-data-sharing archive for worker JVMs, so a worker boots in a fraction of the time: most of a worker's
 * start is loading the protocol's, Jackson's and the processor's classes, which the archive holds pre-parsed.
 *
 * <p>Made once per worker command (JVM, options, class path and the size and date of every class path entry) by a
 * short warm-up run in the background ({@code -XX:ArchiveClassesAtExit}); workers started before it is ready simply
 * boot without it. It lives in an owner-only folder under {@code java.io.tmpdir}, written under a temporary name and
 * moved into place, so no other user can plant one and no half-written archive is ever used. Where the JVM cannot
 * archive (a class path with folders, as in development; a file system without POSIX permissions), workers run
 * without one.
 */
final class ClassArchive {
  private static final Logger LOG = LoggerFactory.getLogger(ClassArchive.class);
  private static final Map<String, ClassArchive> BY_KEY = new ConcurrentHashMap<>();
  private static final int KEEP = 8;

  private enum State { NEW, MAKING, READY, UNAVAILABLE }

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> BY_KEY.values().forEach(ClassArchive::stopMaking),
        "filebatch-class-archive-cleanup"));
  }

  private final Path file;
  private final AtomicReference<State> state;
  private volatile Process making;

  private ClassArchive(Path file, State initial) {
    this.file = file;
    this.state = new AtomicReference<>(initial);
  }

  /** The archive for workers started with these JVM options and class path. */
  static ClassArchive forWorkers(List<String> jvmOptions, String classPath) {
    String key = key(jvmOptions, classPath);
    return BY_KEY.computeIfAbsent(key, k -> {
      Path dir = privateFolder();
      if (dir == null || classPath.isEmpty()) {
        return new ClassArchive(null, State.UNAVAILABLE);
      }
      Path f = dir.resolve("worker-" + k + ".jsa");
      return new ClassArchive(f, Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS) ? State.READY : State.NEW);
    });
  }

  /** The options that make a worker use the archive, if it is ready; none otherwise. */
  List<String> options() {
    return state.get() == State.READY ? List.of("-XX:SharedArchiveFile=" + file) : List.of();
  }

  /**
   * Starts making the archive in the background unless it exists or is under way: runs the worker in warm-up
   * mode (it loads its classes and creates the processor, then exits) with {@code -XX:ArchiveClassesAtExit}.
   *
   * @param jvmOptions the worker's JVM options, without class path and main class
   * @param classPath the worker's class path
   * @param processorSpec the processor request field, so the warm-up loads the processor's classes too
   */
  void makeInBackground(List<String> jvmOptions, String classPath, String processorSpec) {
    if (!state.compareAndSet(State.NEW, State.MAKING)) {
      return;
    }
    prune(file.getParent());
    Path partial = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
    List<String> cmd = new ArrayList<>(jvmOptions);
    cmd.add("-XX:ArchiveClassesAtExit=" + partial);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(WorkerMain.class.getName());
    cmd.add("1000");
    cmd.add(WorkerMain.WARM_UP);
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write((processorSpec + "\n").getBytes(StandardCharsets.UTF_8));
      }
      making = p;
      p.onExit().thenAccept(done -> finish(done, partial));
      // a warm-up that hangs (a processor constructor that never returns) must not linger
      p.onExit().orTimeout(2, TimeUnit.MINUTES).exceptionally(t -> {
        p.destroyForcibly();
        return p;
      });
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not start the worker class archive run: {}", e.toString());
      state.set(State.UNAVAILABLE);
    }
  }

  /** Kills an archive run still under way (it is tried again with the next worker); a no-op otherwise. */
  void stopMaking() {
    Process p = making;
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroyForcibly();
    try {
      p.waitFor(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void finish(Process done, Path partial) {
    making = null;
    if (done.exitValue() != 0 && state.get() == State.MAKING && killed(done)) {
      state.set(State.NEW); // stopped by a close, not refused by the JVM: try again later
      deleteQuietly(partial);
      return;
    }
    try {
      if (done.exitValue() == 0 && Files.isRegularFile(partial, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        state.set(State.READY);
        LOG.debug("worker class archive ready: {}", file);
        return;
      }
      LOG.debug("worker class archive not made (exit status {}); workers boot without it", done.exitValue());
    } catch (IOException | RuntimeException e) {
      LOG.debug("worker class archive not made: {}", e.toString());
    }
    state.set(State.UNAVAILABLE);
    deleteQuietly(partial);
  }

  private static boolean killed(Process done) {
    return done.exitValue() == 128 + 9; // SIGKILL, from stopMaking
  }

  private static void deleteQuietly(Path partial) {
    try {
      Files.deleteIfExists(partial);
    } catch (IOException ignored) {
      // a stray part file in our own folder is harmless
    }
  }

  /** Keeps the folder small: every new class path makes a new archive of several MB. */
  private static void prune(Path dir) {
    try (var files = Files.list(dir)) {
      List<Path> archives = files.filter(f -> f.getFileName().toString().startsWith("worker-"))
          .sorted(java.util.Comparator.comparingLong((Path f) -> f.toFile().lastModified()).reversed())
          .toList();
      long hourAgo = System.currentTimeMillis() - TimeUnit.HOURS.toMillis(1);
      for (int i = KEEP; i < archives.size(); i++) {
        Path old = archives.get(i);
        if (old.toFile().lastModified() < hourAgo) { // younger ones may still be in use or being written
          Files.deleteIfExists(old);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not prune worker class archives: {}", e.toString());
    }
  }

  /**
   * The archive's name for a worker command. Options that cannot change which classes a worker loads, such as where
   * a crash log goes ({@code -XX:ErrorFile}, which callers often set per run), are left out, so every run of the same
   * JVM, options and class path shares one archive instead of making its own too late to be used.
   */
  static String key(List<String> jvmOptions, String classPath) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      StringBuilder sb = new StringBuilder();
      sb.append(System.getProperty("java.home")).append('\n').append(System.getProperty("java.vm.version"))
          .append('\n');
      for (String option : jvmOptions) {
        if (!option.startsWith("-XX:ErrorFile=")) {
          sb.append(option).append('\n');
        }
      }
      for (String entry : classPath.split(File.pathSeparator)) {
        File f = new File(entry);
        sb.append(entry).append(' ').append(f.length()).append(' ').append(f.lastModified()).append('\n');
      }
      return HexFormat.of().formatHex(sha.digest(sb.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code <tmp>/filebatch-cds-<user>}, owner-only and owned by us, or {@code null} if that cannot be had. */
  private static Path privateFolder() {
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"),
          "filebatch-cds-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_"));
      Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rwx------");
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        try {
          Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(ownerOnly));
        } catch (java.nio.file.FileAlreadyExistsException raced) {
          // checked below like any existing folder
        }
      }
      boolean ours = Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
          && Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS).equals(ownerOnly)
          && Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"));
      return ours ? dir : null;
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null;
    }
  }
}
