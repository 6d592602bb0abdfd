package dev.filebatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlinesTest {
  /** Counts how often a check is scheduled, which is how often the scheduler thread is woken. */
  private static final class CountingScheduler extends ScheduledThreadPoolExecutor {
    final AtomicInteger scheduled = new AtomicInteger();

    CountingScheduler() {
      super(1);
      setRemoveOnCancelPolicy(true);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      scheduled.incrementAndGet();
      return super.schedule(command, delay, unit);
    }
  }

  private final CountingScheduler scheduler = new CountingScheduler();
  private final Deadlines deadlines = new Deadlines(scheduler);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private static long in(long millis) {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void runsEachExpiredActionOnceInDeadlineOrder() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    deadlines.watch(in(120), () -> { ran.add("c"); done.countDown(); });
    deadlines.watch(in(40), () -> { ran.add("a"); done.countDown(); });
    deadlines.watch(in(80), () -> { ran.add("b"); done.countDown(); });
    assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(100);
    assertThat(ran).containsExactly("a", "b", "c");
    assertThat(deadlines.size()).isZero();
  }

  @Test
  void aCancelledWatchNeverRunsAndIsNotKept() throws Exception {
    AtomicInteger ran = new AtomicInteger();
    CountDownLatch other = new CountDownLatch(1);
    Deadlines.Watch w = deadlines.watch(in(30), ran::incrementAndGet);
    deadlines.watch(in(60), other::countDown);
    w.cancel();
    assertThat(deadlines.size()).isEqualTo(1);
    assertThat(other.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ran).hasValue(0);
  }

  @Test
  void laterDeadlinesDoNotWakeTheScheduler() {
    deadlines.watch(in(60_000), () -> { });
    for (int i = 0; i < 100; i++) {
      Deadlines.Watch w = deadlines.watch(in(60_000 + i), () -> { });
      w.cancel();
    }
    assertThat(scheduler.scheduled).hasValue(1);
    assertThat(scheduler.getQueue()).hasSize(1);
  }

  @Test
  void anEarlierDeadlineReplacesTheScheduledCheck() throws Exception {
    CountDownLatch early = new CountDownLatch(1);
    deadlines.watch(in(60_000), () -> { });
    deadlines.watch(in(30), early::countDown);
    assertThat(scheduler.getQueue()).hasSize(1); // the later check was cancelled, not left behind
    assertThat(early.await(5, TimeUnit.SECONDS)).isTrue();
    Thread.sleep(50);
    assertThat(deadlines.size()).isEqualTo(1); // the 60 s watch is still there, with its check scheduled again
    assertThat(scheduler.getQueue()).hasSize(1);
  }

  @Test
  void anActionThatThrowsDoesNotStopTheOthers() throws Exception {
    CountDownLatch second = new CountDownLatch(1);
    deadlines.watch(in(20), () -> {
      throw new IllegalStateException("expected by the test");
    });
    deadlines.watch(in(20), second::countDown);
    assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aClosedSchedulerLeavesWatchesUnrunWithoutThrowing() {
    scheduler.shutdownNow();
    AtomicInteger ran = new AtomicInteger();
    Deadlines.Watch w = deadlines.watch(in(10), ran::incrementAndGet);
    w.cancel();
    assertThat(ran).hasValue(0);
  }
}
