package dev.filebatch.benchmarks.corpus;

import dev.filebatch.BatchJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Prints one Markdown table of every run of a harness output folder ({@code *&#47;summary.json} written by
 * {@link CompareWithReference}): passes, fails, errors by code, wall time, its ratio to the first per-file
 * {@code rsvg-convert} loop, and peak memory of the host and worker JVMs.
 *
 * <p>Usage: {@code HarnessReport OUT_DIR}.
 */
public final class HarnessReport {
  private HarnessReport() {}

  /**
   * Entry point.
   *
   * @param args the harness output folder
   * @throws Exception if a summary cannot be read
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    List<JsonNode> runs = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path run : files.filter(Files::isDirectory).sorted().toList()) {
        Path summary = run.resolve("summary.json");
        if (Files.isRegularFile(summary)) {
          runs.add(BatchJson.mapper().readTree(Files.readString(summary)));
        }
      }
    }
    runs.sort((a, b) -> a.path("notes").path("order").asString("")
        .compareTo(b.path("notes").path("order").asString("")));
    double rsvg = runs.stream().filter(r -> r.path("name").asString().startsWith("rsvg-convert"))
        .mapToDouble(r -> r.path("time").path("wall_seconds").asDouble()).findFirst().orElse(Double.NaN);
    System.out.println("| run | pass | fail | error (by code) | no ref. | wall s | vs rsvg loop | CPU (user+sys s)"
        + " | host peak RSS | worker peak RSS (one / sum at once) | tree peak RSS / PSS | workers | load before/after"
        + " | checks |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (JsonNode r : runs) {
      JsonNode t = r.path("time");
      JsonNode m = r.path("memory");
      double wall = t.path("wall_seconds").asDouble();
      StringBuilder codes = new StringBuilder();
      for (var e : r.path("errors_by_code").properties()) {
        codes.append(codes.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue().asInt());
      }
      boolean sampled = m.has("host_peak_rss_kb");
      String host = sampled ? mb(m.path("host_peak_rss_kb").asLong()) : mb(t.path("max_rss_kb").asLong());
      String workers = sampled && m.path("workers_seen").asInt() > 0
          ? mb(m.path("worker_peak_rss_kb").asLong()) + " / " + mb(m.path("workers_peak_sum_rss_kb").asLong())
          : "-";
      String tree = sampled && m.has("tree_peak_rss_kb")
          ? mb(m.path("tree_peak_rss_kb").asLong()) + " / " + mb(m.path("tree_peak_pss_kb").asLong()) : "-";
      System.out.printf(Locale.ROOT,
          "| %s | %d | %d | %d (%s) | %d | %.1f | %.2fx | %.1f | %s | %s | %s | %s | %s / %s | %s |%n",
          r.path("name").asString(), r.path("pass").asInt(), r.path("fail").asInt(), r.path("error").asInt(),
          codes, r.path("missing_reference").asInt(), wall, wall / rsvg,
          t.path("user_seconds").asDouble() + t.path("system_seconds").asDouble(), host, workers, tree,
          sampled ? m.path("workers_seen").asInt() + " (" + m.path("peak_concurrent_workers").asInt() + " at once)"
              : "-",
          r.path("notes").path("load_before").asString("?"), r.path("notes").path("load_after").asString("?"),
          r.path("checks_passed").asBoolean() ? "passed" : "FAILED: " + r.path("problems"));
    }
  }

  private static String mb(long kb) {
    return String.format(Locale.ROOT, "%d MB", Math.round(kb / 1024.0));
  }
}
