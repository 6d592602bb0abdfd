package dev.filebatch.cli;

import dev.filebatch.BatchJob;
import dev.filebatch.BatchResult;
import dev.filebatch.Progress;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a batch's progress on stderr while it runs: a progress bar on a terminal, a plain line per change
 * otherwise (logs, pipes, CI). Stdout is left alone, so {@code --json} output stays clean.
 */
final class ProgressDisplay {
  private final PrintStream err;
  private final boolean terminal;
  private final boolean quiet;

  ProgressDisplay(PrintStream err, boolean terminal, boolean quiet) {
    this.err = err;
    this.terminal = terminal;
    this.quiet = quiet;
  }

  /** Waits for the job, displaying progress, and returns its result. */
  BatchResult follow(BatchJob job, String task) throws InterruptedException {
    if (quiet) {
      return waitFor(job, p -> { });
    }
    if (terminal) {
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setConsumer(
              new me.tongfei.progressbar.ConsoleProgressBarConsumer(err)).build()) {
        return waitFor(job, p -> {
          bar.maxHint(Math.max(1, p.total()));
          bar.stepTo(p.done());
          bar.setExtraMessage(p.succeeded() + " ok, " + p.failed() + " failed");
        });
      }
    }
    int[] last = {-1, -1};
    return waitFor(job, p -> {
      if (p.total() > 0 && (p.done() != last[0] || p.running() != last[1])) {
        last[0] = p.done();
        last[1] = p.running();
        err.printf("%s: %d/%d files done (%d ok, %d failed, %d running)%n", task, p.done(), p.total(),
            p.succeeded(), p.failed(), p.running());
      }
    });
  }

  private static BatchResult waitFor(BatchJob job, java.util.function.Consumer<Progress> show)
      throws InterruptedException {
    while (true) {
      try {
        BatchResult r = job.await(Duration.ofMillis(200));
        show.accept(job.progress());
        return r;
      } catch (TimeoutException e) {
        show.accept(job.progress());
      }
    }
  }
}
