package dev.filebatch.benchmarks.corpus;

import dev.filebatch.BatchJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Samples the memory of a process tree until its root exits: the run's host JVM (a child of the root, which is
 * {@code /usr/bin/time}) and every worker JVM it forks. {@code /usr/bin/time -v} alone cannot tell them apart: its
 * "maximum resident set size" is the largest single process of the tree. Reads {@code /proc/PID/status} (Linux).
 *
 * <p>Usage: {@code ProcessTreeSampler ROOT_PID OUT.json [INTERVAL_MS]}. A worker that lives less than one interval
 * can be missed; its peak is then not counted (the summary says how many workers were seen).
 */
public final class ProcessTreeSampler {
  private ProcessTreeSampler() {}

  /**
   * Entry point.
   *
   * @param args root pid, output JSON file, optional interval in milliseconds (default 100)
   * @throws Exception if the output cannot be written
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: ProcessTreeSampler ROOT_PID OUT.json [INTERVAL_MS]");
      System.exit(2);
    }
    long rootPid = Long.parseLong(args[0]);
    Path out = Path.of(args[1]);
    long interval = args.length > 2 ? Long.parseLong(args[2]) : 100;
    Optional<ProcessHandle> root = ProcessHandle.of(rootPid);
    long hostPeakKb = 0;
    long hostPid = -1;
    long peakWorkersSumKb = 0;
    long peakTreeKb = 0;
    int peakConcurrentWorkers = 0;
    Map<Long, Long> workerPeakKb = new HashMap<>();
    long samples = 0;
    long started = System.nanoTime();
    while (root.isPresent() && root.get().isAlive()) {
      List<ProcessHandle> children = root.get().children().collect(Collectors.toList());
      long hostKb = 0;
      long workersKb = 0;
      int workers = 0;
      for (ProcessHandle host : children) {
        long[] m = memoryKb(host.pid());
        hostKb += m[0];
        if (m[1] > hostPeakKb) {
          hostPeakKb = m[1];
          hostPid = host.pid();
        }
        for (ProcessHandle w : host.descendants().collect(Collectors.toList())) {
          long[] wm = memoryKb(w.pid());
          if (wm[0] == 0 && wm[1] == 0) {
            continue;
          }
          workers++;
          workersKb += wm[0];
          workerPeakKb.merge(w.pid(), wm[1], Math::max);
        }
      }
      peakWorkersSumKb = Math.max(peakWorkersSumKb, workersKb);
      peakTreeKb = Math.max(peakTreeKb, hostKb + workersKb);
      peakConcurrentWorkers = Math.max(peakConcurrentWorkers, workers);
      samples++;
      Thread.sleep(interval);
    }
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("host_pid", hostPid);
    summary.put("host_peak_rss_kb", hostPeakKb);
    summary.put("workers_seen", workerPeakKb.size());
    summary.put("worker_peak_rss_kb", workerPeakKb.values().stream().mapToLong(Long::longValue).max().orElse(0));
    summary.put("workers_peak_sum_rss_kb", peakWorkersSumKb);
    summary.put("tree_peak_rss_kb", peakTreeKb);
    summary.put("peak_concurrent_workers", peakConcurrentWorkers);
    summary.put("samples", samples);
    summary.put("interval_ms", interval);
    summary.put("sampled_seconds", (System.nanoTime() - started) / 1e9);
    Files.writeString(out, BatchJson.writePretty(summary) + System.lineSeparator());
  }

  /** {VmRSS, VmHWM} in kB, or zeros if the process has gone. */
  private static long[] memoryKb(long pid) {
    long rss = 0;
    long hwm = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kb(line);
        } else if (line.startsWith("VmHWM:")) {
          hwm = kb(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // the process exited between listing and reading: nothing to count
    }
    return new long[] {rss, hwm};
  }

  private static long kb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
