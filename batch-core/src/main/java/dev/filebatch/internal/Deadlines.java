package dev.filebatch.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file and batch deadlines of an engine, watched by its one scheduler thread.
 *
 * <p>Scheduling a task per file on a {@code ScheduledThreadPoolExecutor} wakes its thread whenever the new task
 * becomes the earliest, which with cancelled tasks removed is every file: a thread wake-up on another core per file,
 * about 20 µs of a lane thread's time measured on a 2-core VM. Here a deadline is only added to a sorted set; the
 * scheduler is woken only when a deadline earlier than the one it already waits for arrives, which for deadlines
 * that are all "now plus the same timeout" happens about once per timeout period. A watch that ends in time is
 * removed, so nothing holds on to finished files.
 *
 * <p>Thread-safe. Actions run on the scheduler thread, outside the lock; one that throws is logged and the others
 * still run.
 */
final class Deadlines {
  private static final Logger LOG = LoggerFactory.getLogger(Deadlines.class);

  private final ScheduledExecutorService scheduler;
  private final TreeSet<Watch> watches = new TreeSet<>(); // guarded by this
  private long sequence; // guarded by this: orders watches with the same deadline
  private ScheduledFuture<?> pending; // guarded by this: the one scheduled check, null when none
  private long pendingAt; // guarded by this: when it runs, System.nanoTime() scale

  Deadlines(ScheduledExecutorService scheduler) {
    this.scheduler = scheduler;
  }

  /** A watched deadline; {@link #cancel()} it when what it guards ends in time. */
  final class Watch implements Comparable<Watch> {
    private final long at;
    private final long order;
    private final Runnable onExpiry;

    private Watch(long at, long order, Runnable onExpiry) {
      this.at = at;
      this.order = order;
      this.onExpiry = onExpiry;
    }

    /** Stops watching; the action will not run unless it already started. */
    void cancel() {
      synchronized (Deadlines.this) {
        watches.remove(this);
      }
    }

    @Override
    public int compareTo(Watch o) {
      long d = at - o.at; // nanoTime values are compared by difference
      return d != 0 ? (d < 0 ? -1 : 1) : Long.compare(order, o.order);
    }
  }

  /**
   * Runs {@code onExpiry} on the scheduler thread once {@link System#nanoTime()} reaches {@code atNanos}, unless the
   * returned watch is cancelled first.
   */
  Watch watch(long atNanos, Runnable onExpiry) {
    synchronized (this) {
      Watch w = new Watch(atNanos, sequence++, onExpiry);
      watches.add(w);
      if (pending == null || atNanos - pendingAt < 0) {
        arm(atNanos);
      }
      return w;
    }
  }

  /** Replaces the scheduled check by one at {@code atNanos}; the caller holds the lock. */
  private void arm(long atNanos) {
    if (pending != null) {
      pending.cancel(false);
    }
    try {
      pending = scheduler.schedule(this::check, Math.max(0, atNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
      pendingAt = atNanos;
    } catch (RejectedExecutionException e) {
      pending = null; // the engine is closing: its batches are being stopped anyway
      LOG.debug("deadline not scheduled, the engine is closing");
    }
  }

  /** Runs what is due, then waits for the earliest deadline left. */
  private void check() {
    List<Watch> due = new ArrayList<>();
    synchronized (this) {
      pending = null;
      long now = System.nanoTime();
      while (!watches.isEmpty() && watches.first().at - now <= 0) {
        due.add(watches.pollFirst());
      }
      if (!watches.isEmpty()) {
        arm(watches.first().at);
      }
    }
    for (Watch w : due) {
      try {
        w.onExpiry.run();
      } catch (RuntimeException e) {
        LOG.error("deadline action failed", e);
      }
    }
  }

  /** How many deadlines are watched, for tests. */
  synchronized int size() {
    return watches.size();
  }
}
