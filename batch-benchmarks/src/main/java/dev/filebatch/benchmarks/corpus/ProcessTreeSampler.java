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
 * {@code /usr/bin/time}, or that JVM's restarted self, see the CLI's {@code HostJvm}) and every worker JVM it forks
 * (told apart by their main class). {@code /usr/bin/time -v} alone cannot tell them apart: its "maximum resident set
 * size" is the largest single process of the tree. Reads {@code /proc/PID/status} for RSS and
 * {@code /proc/PID/smaps_rollup} for PSS, which splits pages the JVMs share (the JDK's code, a class archive)
 * between them (Linux). "Peak memory" of a run is {@code tree_peak_rss_kb}: the largest sum of the RSS of every
 * process of the tree at one sample.
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
    long peakTreePssKb = 0;
    Map<Long, Boolean> isWorker = new HashMap<>();
    int peakConcurrentWorkers = 0;
    Map<Long, Long> workerPeakKb = new HashMap<>();
    long samples = 0;
    long started = System.nanoTime();
    while (root.isPresent() && root.get().isAlive()) {
      List<ProcessHandle> children = root.get().children().collect(Collectors.toList());
      long hostKb = 0;
      long workersKb = 0;
      int workers = 0;
      long pssKb = 0;
      for (ProcessHandle child : children) {
        List<ProcessHandle> tree = new java.util.ArrayList<>();
        tree.add(child);
        child.descendants().forEach(tree::add);
        for (ProcessHandle p : tree) {
          long[] m = memoryKb(p.pid());
          if (m[0] == 0 && m[1] == 0) {
            continue;
          }
          pssKb += pssKb(p.pid());
          boolean worker = isWorker.computeIfAbsent(p.pid(), pid -> p.info().commandLine()
              .map(c -> c.contains("dev.filebatch.internal.fork.WorkerMain")).orElse(false));
          if (worker) {
            workers++;
            workersKb += m[0];
            workerPeakKb.merge(p.pid(), m[1], Math::max);
          } else {
            hostKb += m[0];
            if (m[1] > hostPeakKb) {
              hostPeakKb = m[1];
              hostPid = p.pid();
            }
          }
        }
      }
      peakTreePssKb = Math.max(peakTreePssKb, pssKb);
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
    summary.put("tree_peak_pss_kb", peakTreePssKb);
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

  /** Proportional set size in kB, or 0 if it cannot be read. */
  private static long pssKb(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
        if (line.startsWith("Pss:")) {
          return kb(line);
        }
      }
    } catch (IOException | RuntimeException e) {
      // gone, or a kernel without smaps_rollup
    }
    return 0;
  }

  private static long kb(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
