package dev.filebatch.svg.internal;

import dev.filebatch.spi.ProcessingContext;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import org.apache.batik.util.HaltingThread;

/**
 * Runs one rendering on a thread of its own so the file's worker can walk away when its time is up, even if the
 * renderer never looks at interruption. The rendering thread is a Batik {@link HaltingThread}: on cancellation it
 * is halted (Batik checks that between elements while building its tree) and interrupted (the JSVG output checks
 * that at every shape). A renderer that still spins holds only its daemon thread; forked isolation ends even that.
 */
final class RenderThread {
  private static final long POLL_MILLIS = 25;

  private RenderThread() {}

  static <T> T call(Callable<T> work, ProcessingContext context) throws Exception {
    Object[] outcome = new Object[2];
    HaltingThread worker = new HaltingThread(() -> {
      try {
        outcome[0] = work.call();
      } catch (Throwable t) {
        outcome[1] = t;
      }
    }, "filebatch-svg-render");
    worker.setDaemon(true);
    worker.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    worker.start();
    try {
      while (worker.isAlive()) {
        worker.join(POLL_MILLIS);
        if (worker.isAlive() && (context.isCancelled() || Thread.currentThread().isInterrupted())) {
          stop(worker);
          throw new CancellationException("file processing was cancelled");
        }
      }
    } catch (InterruptedException e) {
      stop(worker);
      Thread.currentThread().interrupt();
      throw new CancellationException("file processing was cancelled");
    }
    // join() established happens-before with everything the worker wrote
    Throwable failure = (Throwable) outcome[1];
    if (failure instanceof Exception e) {
      throw e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    T result = (T) outcome[0];
    return result;
  }

  private static void stop(HaltingThread worker) {
    worker.halt();
    worker.interrupt();
  }
}
