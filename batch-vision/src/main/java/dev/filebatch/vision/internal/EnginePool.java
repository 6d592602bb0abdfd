package dev.filebatch.vision.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Costly, single-threaded engines (a Tesseract instance loads its model for ~100 ms) reused across files: a worker
 * borrows an idle engine or makes one, and gives it back when done. An engine is never used by two threads at
 * once, and there are never more engines than files that ran at the same time.
 *
 * <p>Why not a {@code ThreadLocal}: engines would outlive pool threads that die (a leak of native memory until
 * {@link #close()}), and under virtual threads every file would get a fresh thread and so a fresh engine. A pool
 * gives the same "one engine per worker, reused" without either problem.
 *
 * @param <E> the engine type
 */
public final class EnginePool<E> {
  /** Makes a new engine; may fail. */
  @FunctionalInterface
  public interface Factory<E, X extends Exception> {
    /** A fresh, ready engine. */
    E create() throws X;
  }

  private final Consumer<E> closer;
  private final ConcurrentLinkedDeque<E> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger created = new AtomicInteger();
  private boolean closed;

  /** @param closer frees an engine's resources */
  public EnginePool(Consumer<E> closer) {
    this.closer = closer;
  }

  /**
   * An idle engine, or a new one from {@code factory}.
   *
   * @throws IllegalStateException if the pool was closed
   */
  public <X extends Exception> E borrow(Factory<E, X> factory) throws X {
    E engine = idle.pollFirst();
    if (engine != null) {
      return engine;
    }
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("the recognizer was closed");
      }
    }
    E fresh = factory.create();
    synchronized (this) {
      if (closed) {
        closer.accept(fresh);
        throw new IllegalStateException("the recognizer was closed");
      }
    }
    created.incrementAndGet();
    return fresh;
  }

  /** Gives an engine back for reuse (most recently used first, so few engines stay warm). */
  public void release(E engine) {
    synchronized (this) {
      if (!closed) {
        idle.offerFirst(engine);
        return;
      }
    }
    closer.accept(engine);
  }

  /** Gives up an engine that may be broken: it is closed, not reused. */
  public void discard(E engine) {
    closer.accept(engine);
  }

  /** How many engines were ever made. */
  public int created() {
    return created.get();
  }

  /** Closes idle engines now; engines in use are closed when given back. */
  public void close() {
    List<E> toClose = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      for (E engine; (engine = idle.pollFirst()) != null; ) {
        toClose.add(engine);
      }
    }
    toClose.forEach(closer);
  }
}
