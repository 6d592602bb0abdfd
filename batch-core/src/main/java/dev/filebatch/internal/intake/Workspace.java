package dev.filebatch.internal.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch's private temp folder ({@code <root>/filebatch-<batch id>}, owner-only permissions) holding every byte of
 * the batch. {@link #close()} deletes it recursively and is idempotent; workspaces still open at JVM
 * shutdown are deleted by a shutdown hook.
 *
 * <p>Layout: {@code files/<index>} holds the body of file {@code index}, {@code scratch/<index>/} is that file's
 * processor scratch folder and {@code tmp/} holds archives while they are expanded. Bodies are named by index, never
 * by the uploader's name, so no name can reach outside the folder.
 */
public final class Workspace implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Workspace.class);
  private static final Set<Workspace> OPEN = ConcurrentHashMap.newKeySet();
  private static final FileAttribute<?> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  static {
    // Last line of defence: a JVM that exits mid-batch must not leave uploaded bytes behind.
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(OPEN).forEach(Workspace::close),
          "filebatch-workspace-cleanup"));
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: nothing can be registered, and nothing will outlive it for long
    }
  }

  private final Path parent;
  private final String name;
  private volatile Path root;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final AtomicLong temps = new AtomicLong();
  /** Sub-folders made so far: each is created once, not checked with a failing mkdir per file. */
  private final Map<String, Path> made = new ConcurrentHashMap<>();
  private boolean created; // guarded by this; the folder exists (until close)

  private Workspace(Path parent, String name) {
    this.parent = parent;
    this.name = name;
    this.root = parent.resolve(name);
  }

  /**
   * Creates the folder under {@code root} (created if missing). The batch id is random already, so it names the
   * folder; a second workspace for the same id gets a random suffix.
   */
  public static Workspace create(Path root, UUID batchId) throws IOException {
    Workspace ws = lazy(root, batchId);
    try {
      ws.ensureCreated();
    } catch (UncheckedIOException e) {
      ws.close();
      throw e.getCause();
    }
    return ws;
  }

  /**
   * A workspace whose folder is only made when something first needs disk ({@link #fileSlot}, {@link #scratch},
   * a temp file): a batch of small bodies kept in memory never touches the file system. It is tracked from now on,
   * so {@link #close()} and the shutdown hook remove the folder whenever it was made, and once closed it can never
   * be made.
   */
  public static Workspace lazy(Path root, UUID batchId) {
    Workspace ws = new Workspace(root, "filebatch-" + batchId);
    OPEN.add(ws);
    return ws;
  }

  private synchronized void ensureCreated() {
    if (closed.get()) {
      throw new IllegalStateException("workspace " + root + " is closed");
    }
    if (created) {
      return;
    }
    try {
      if (!Files.isDirectory(parent)) {
        Files.createDirectories(parent);
      }
      boolean posix = posix(parent);
      Path dir;
      try {
        // One mkdir with the final mode: the folder is never visible with wider permissions.
        dir = posix ? Files.createDirectory(parent.resolve(name), OWNER_ONLY) : Files.createDirectory(parent.resolve(name));
      } catch (FileAlreadyExistsException e) {
        dir = posix ? Files.createTempDirectory(parent, name + "-", OWNER_ONLY) : Files.createTempDirectory(parent, name + "-");
      }
      root = dir;
      created = true;
    } catch (IOException e) {
      throw new Unavailable(parent, e);
    }
  }

  /** The folder could not be made (a missing, read-only or full disk): the batch cannot be received. */
  public static final class Unavailable extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    Unavailable(Path parent, IOException cause) {
      super("cannot create the batch workspace under " + parent + ": " + cause.getMessage(), cause);
    }
  }

  /** Whether the folder has been made (it is made on first need). */
  public synchronized boolean isCreated() {
    return created;
  }

  /** The folder (where it will be, until it is made). */
  public Path root() {
    return root;
  }

  /** A fresh path for the body of input file {@code index} (not created; its parent is). */
  public Path fileSlot(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, was " + index);
    }
    return inside("files").resolve(Integer.toString(index));
  }

  /** A scratch folder for file {@code index}, created on first call. */
  public Path scratch(int index) throws IOException {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, was " + index);
    }
    try {
      ensureCreated();
    } catch (Unavailable e) {
      throw e.getCause();
    }
    return Files.createDirectories(root.resolve("scratch").resolve(Integer.toString(index)));
  }

  /** A fresh path for a temporary body such as an archive being expanded (not created; its parent is). */
  Path tempFile() {
    return inside("tmp").resolve("t" + temps.incrementAndGet());
  }

  /** Whether {@link #close()} has run. */
  public boolean isClosed() {
    return closed.get();
  }

  /** Deletes the folder and everything in it; never throws. */
  @Override
  public void close() {
    boolean wasCreated;
    synchronized (this) { // after this, ensureCreated() refuses: no folder can be made behind the deletion
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      wasCreated = created;
    }
    if (!wasCreated) {
      OPEN.remove(this);
      return;
    }
    try {
      deleteTree(root);
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not delete workspace {} completely: {}", root, e.toString());
    } finally {
      OPEN.remove(this);
    }
  }

  /** How many workspaces of this JVM are open (for tests proving cleanup). */
  public static int openCount() {
    return OPEN.size();
  }

  @Override
  public String toString() {
    return "Workspace[" + root + (closed.get() ? ", closed" : "") + "]";
  }

  private Path inside(String folder) {
    ensureCreated();
    return made.computeIfAbsent(folder, f -> {
      try {
        return Files.createDirectories(root.resolve(f));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + f + " in workspace " + root, e);
      }
    });
  }

  private static boolean posix(Path dir) {
    return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // walkFileTree does not follow links by default, so a link planted inside cannot redirect the deletion.
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.deleteIfExists(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
