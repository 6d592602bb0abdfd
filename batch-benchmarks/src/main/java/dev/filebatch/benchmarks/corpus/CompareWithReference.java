package dev.filebatch.benchmarks.corpus;

import dev.filebatch.BatchJson;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import tools.jackson.databind.JsonNode;

/**
 * Scores one run of a renderer over the resvg test suite against the suite's reference renderings, and checks the
 * run's guarantees. For every listed test it classifies the outcome as
 * <ul>
 *   <li>{@code pass}: rendered and within the {@link Tolerance} of the reference;</li>
 *   <li>{@code fail}: rendered but different;</li>
 *   <li>{@code error}: the file ended FAILED with a typed code (counted per code);</li>
 *   <li>{@code missing_reference}: the suite has no reference PNG for it (counted apart, by outcome).</li>
 * </ul>
 * Two kinds of run: {@code --result} reads the JSON that {@code filebatch convert --output} wrote (results are in
 * input order; each is matched to its input by position and its SHA-256 is checked); {@code --outputs} reads PNGs
 * at the tests' relative paths, with {@code --exit-codes} (a {@code path<TAB>code} file) for a tool such as
 * {@code rsvg-convert} run per file.
 *
 * <p>Checks (exit code 3 if one fails): every listed file has a result, and a failed one a code; no file took
 * longer than {@code --file-timeout} plus {@code --timeout-margin}; the host process exited with 0 or 1 and was not
 * killed by a signal. Writes a summary JSON ({@code --summary}), a tab-separated line per test ({@code --details})
 * and a short table on stdout.
 */
public final class CompareWithReference {
  private static final double[] SWEEP_FRACTIONS = {0.005, 0.01, 0.015, 0.02, 0.03, 0.05};

  private final Map<String, String> opts;

  private CompareWithReference(Map<String, String> opts) {
    this.opts = opts;
  }

  /**
   * Entry point; see the class comment for the options.
   *
   * @param args {@code --name NAME --list FILE --tests DIR --reference DIR (--result JSON | --outputs DIR)} and
   *     optional {@code --exit-codes FILE --csv FILE --csv-column NAME --file-timeout 10s --timeout-margin 2s
   *     --host-exit N --time-file FILE --memory-file FILE --summary FILE --details FILE --threshold N
   *     --max-differing FRACTION}, and any {@code --note-KEY VALUE} (copied into the summary's notes)
   * @throws Exception on unreadable inputs
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      opts.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("option without a value: " + args[args.length - 1]);
    }
    System.exit(new CompareWithReference(opts).run());
  }

  private String need(String key) {
    String v = opts.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + key);
    }
    return v;
  }

  /** One test's outcome. */
  private record Outcome(String test, String status, String code, String renderer, long millis, int attempts,
      String verdict, Tolerance.Difference difference) {}

  private int run() throws Exception {
    String name = need("name");
    List<String> tests = Files.readAllLines(Path.of(need("list")), StandardCharsets.UTF_8).stream()
        .map(String::strip).filter(s -> !s.isEmpty()).toList();
    Path testsDir = Path.of(need("tests"));
    Path referenceDir = Path.of(need("reference"));
    Tolerance tolerance = new Tolerance(Integer.parseInt(opts.getOrDefault("threshold", "64")),
        Double.parseDouble(opts.getOrDefault("max-differing", "0.015")));
    Duration fileTimeout = parseDuration(opts.getOrDefault("file-timeout", "10s"));
    Duration margin = parseDuration(opts.getOrDefault("timeout-margin", "2s"));
    List<String> problems = new ArrayList<>();

    List<Outcome> outcomes = new ArrayList<>();
    if (opts.containsKey("result")) {
      JsonNode root = BatchJson.mapper().readTree(Files.readString(Path.of(opts.get("result"))));
      JsonNode files = root.path("files");
      if (!files.isArray()) {
        problems.add("the result JSON has no files array (status " + root.path("status").asString() + ")");
      }
      if (files.size() != tests.size()) {
        problems.add("results for " + files.size() + " files, " + tests.size() + " listed");
      }
      for (int i = 0; i < tests.size(); i++) {
        String test = tests.get(i);
        if (i >= files.size()) {
          outcomes.add(new Outcome(test, "missing", "NO_RESULT", "", 0, 0, "error", null));
          continue;
        }
        JsonNode f = files.get(i);
        String sha = f.path("sha256").asString("");
        String expected = sha256(testsDir.resolve(test));
        if (!sha.equals(expected)) {
          problems.add("result " + i + " (" + f.path("file_name").asString() + ") does not match input " + test);
        }
        String status = f.path("status").asString();
        long millis = f.path("processing_time_ms").asLong();
        int attempts = f.path("attempts").asInt();
        if (millis > fileTimeout.plus(margin).toMillis()) {
          problems.add(test + " took " + millis + " ms, past the " + fileTimeout.toMillis() + " ms timeout + "
              + margin.toMillis() + " ms margin");
        }
        if (status.equals("failed")) {
          String code = f.path("error").path("code").asString("");
          if (code.isEmpty()) {
            problems.add(test + " failed without a code");
          }
          outcomes.add(classify(test, status, code, "", millis, attempts, null, referenceDir, tolerance));
        } else if (status.equals("success") || status.equals("partial")) {
          JsonNode r = f.path("result");
          Path png = Path.of(r.path("path").asString());
          outcomes.add(classify(test, status, "", r.path("renderer").asString(""), millis, attempts, png,
              referenceDir, tolerance));
        } else {
          problems.add(test + " has status " + status);
          outcomes.add(new Outcome(test, status, "NO_STATUS", "", millis, attempts, "error", null));
        }
      }
    } else {
      Path outputs = Path.of(need("outputs"));
      Map<String, Integer> exits = new HashMap<>();
      if (opts.containsKey("exit-codes")) {
        for (String line : Files.readAllLines(Path.of(opts.get("exit-codes")))) {
          int tab = line.lastIndexOf('\t');
          if (tab > 0) {
            exits.put(line.substring(0, tab), Integer.parseInt(line.substring(tab + 1).strip()));
          }
        }
      }
      for (String test : tests) {
        Integer rc = exits.get(test);
        Path png = outputs.resolve(pngName(test));
        if (rc != null && rc != 0) {
          outcomes.add(classify(test, "failed", "EXIT_" + rc, "", 0, 1, null, referenceDir, tolerance));
        } else if (!Files.isRegularFile(png) || Files.size(png) == 0) {
          outcomes.add(classify(test, "failed", "NO_OUTPUT", "", 0, 1, null, referenceDir, tolerance));
        } else {
          outcomes.add(classify(test, "success", "", "", 0, 1, png, referenceDir, tolerance));
        }
      }
    }

    if (opts.containsKey("host-exit")) {
      int exit = Integer.parseInt(opts.get("host-exit"));
      if (exit != 0 && exit != 1) {
        problems.add("host exited with " + exit + (exit > 128 ? " (signal " + (exit - 128) + ")" : ""));
      }
    }
    Map<String, Object> time = opts.containsKey("time-file") ? gnuTime(Path.of(opts.get("time-file")))
        : Map.of();
    if (time.containsKey("signal")) {
      problems.add("host killed by signal " + time.get("signal"));
    }

    Map<String, Object> summary = summarize(name, tolerance, outcomes, time, problems);
    if (opts.containsKey("details")) {
      writeDetails(Path.of(opts.get("details")), outcomes);
    }
    if (opts.containsKey("summary")) {
      Files.writeString(Path.of(opts.get("summary")), BatchJson.writePretty(summary) + System.lineSeparator());
    }
    printTable(summary);
    return problems.isEmpty() ? 0 : 3;
  }

  private Outcome classify(String test, String status, String code, String renderer, long millis, int attempts,
      Path png, Path referenceDir, Tolerance tolerance) throws IOException {
    Path reference = referenceDir.resolve(pngName(test));
    boolean hasReference = Files.isRegularFile(reference);
    if (png == null) {
      return new Outcome(test, status, code, renderer, millis, attempts,
          hasReference ? "error" : "missing_reference", null);
    }
    if (!hasReference) {
      return new Outcome(test, status, code, renderer, millis, attempts, "missing_reference", null);
    }
    BufferedImage actual = ImageIO.read(png.toFile());
    if (actual == null) {
      return new Outcome(test, status, "UNREADABLE_OUTPUT", renderer, millis, attempts, "error", null);
    }
    BufferedImage expected = ImageIO.read(reference.toFile());
    Tolerance.Difference d = tolerance.compare(actual, expected);
    return new Outcome(test, status, code, renderer, millis, attempts, tolerance.passes(d) ? "pass" : "fail", d);
  }

  private Map<String, Object> summarize(String name, Tolerance tolerance, List<Outcome> outcomes,
      Map<String, Object> time, List<String> problems) throws IOException {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("tolerance", Map.of("channel_threshold", tolerance.channelThreshold(),
        "max_differing_fraction", tolerance.maxDifferingFraction()));
    s.put("files", outcomes.size());
    Map<String, Integer> verdicts = new TreeMap<>();
    Map<String, Integer> errors = new TreeMap<>();
    Map<String, Integer> missingRef = new TreeMap<>();
    Map<String, Integer> renderers = new TreeMap<>();
    Map<String, Integer> passesByRenderer = new TreeMap<>();
    int resized = 0;
    int retried = 0;
    for (Outcome o : outcomes) {
      verdicts.merge(o.verdict(), 1, Integer::sum);
      if (o.verdict().equals("error")) {
        errors.merge(o.code(), 1, Integer::sum);
      }
      if (o.verdict().equals("missing_reference")) {
        missingRef.merge(o.code().isEmpty() ? o.status() : o.code(), 1, Integer::sum);
      }
      if (!o.renderer().isEmpty()) {
        renderers.merge(o.renderer(), 1, Integer::sum);
        if (o.verdict().equals("pass")) {
          passesByRenderer.merge(o.renderer(), 1, Integer::sum);
        }
      }
      if (o.difference() != null && o.difference().resized()) {
        resized++;
      }
      if (o.attempts() > 1) {
        retried++;
      }
    }
    s.put("pass", verdicts.getOrDefault("pass", 0));
    s.put("fail", verdicts.getOrDefault("fail", 0));
    s.put("error", verdicts.getOrDefault("error", 0));
    s.put("missing_reference", verdicts.getOrDefault("missing_reference", 0));
    s.put("errors_by_code", errors);
    s.put("missing_reference_by_outcome", missingRef);
    s.put("renderers_used", renderers);
    s.put("passes_by_renderer", passesByRenderer);
    s.put("size_differs_from_reference", resized);
    s.put("files_retried", retried);
    s.put("time", time);
    s.put("memory", opts.containsKey("memory-file") && Files.isRegularFile(Path.of(opts.get("memory-file")))
        ? BatchJson.mapper().readTree(Files.readString(Path.of(opts.get("memory-file")))) : Map.of());
    List<Outcome> slowest = outcomes.stream()
        .sorted((a, b) -> Long.compare(b.millis(), a.millis())).limit(10).toList();
    List<String> slow = new ArrayList<>();
    for (Outcome o : slowest) {
      slow.add(o.millis() + " ms " + o.test() + (o.code().isEmpty() ? "" : " " + o.code()));
    }
    s.put("slowest_files", slow);
    s.put("sum_file_ms", outcomes.stream().mapToLong(Outcome::millis).sum());
    s.put("max_success_file_ms", outcomes.stream().filter(o -> o.status().equals("success"))
        .mapToLong(Outcome::millis).max().orElse(0));
    s.put("tolerance_sweep", sweep(outcomes));
    if (opts.containsKey("csv")) {
      s.put("csv_agreement", csvAgreement(outcomes, tolerance));
    }
    Map<String, String> notes = new TreeMap<>();
    opts.forEach((k, v) -> {
      if (k.startsWith("note-")) {
        notes.put(k.substring("note-".length()), v);
      }
    });
    s.put("notes", notes);
    s.put("checks_passed", problems.isEmpty());
    s.put("problems", problems);
    return s;
  }

  /** Passes at every reported threshold and fraction, so the choice of tolerance can be judged. */
  private static Map<String, Map<String, Integer>> sweep(List<Outcome> outcomes) {
    Map<String, Map<String, Integer>> sweep = new LinkedHashMap<>();
    for (int t : Tolerance.REPORTED_THRESHOLDS) {
      Map<String, Integer> row = new LinkedHashMap<>();
      for (double f : SWEEP_FRACTIONS) {
        int n = 0;
        for (Outcome o : outcomes) {
          if (o.difference() != null && o.difference().fractionAbove(t) <= f) {
            n++;
          }
        }
        row.put(percent(f), n);
      }
      sweep.put("channel>" + t, row);
    }
    return sweep;
  }

  /**
   * How the verdicts line up with one column of the suite's manual results (1 passed, 2 failed, 3 crashed), over
   * the tests that have a reference: for each manual verdict, how many this run passed, failed or errored.
   */
  private Map<String, Object> csvAgreement(List<Outcome> outcomes, Tolerance tolerance) throws IOException {
    List<String> lines = Files.readAllLines(Path.of(opts.get("csv")));
    String column = opts.getOrDefault("csv-column", "batik");
    List<String> header = List.of(lines.get(0).split(","));
    int col = header.indexOf(column);
    if (col < 0) {
      throw new IllegalArgumentException("no column " + column + " in " + header);
    }
    Map<String, String> manual = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",");
      if (cells.length > col) {
        manual.put(cells[0], switch (cells[col]) {
          case "1" -> "passed";
          case "2" -> "failed";
          case "3" -> "crashed";
          default -> "unknown";
        });
      }
    }
    Map<String, Map<String, Integer>> table = new TreeMap<>();
    Map<String, Integer> columnTotals = new TreeMap<>();
    for (String v : manual.values()) {
      columnTotals.merge(v, 1, Integer::sum);
    }
    for (Outcome o : outcomes) {
      if (o.verdict().equals("missing_reference")) {
        continue;
      }
      String m = manual.getOrDefault(o.test(), "not_in_csv");
      table.computeIfAbsent(m, k -> new TreeMap<>()).merge(o.verdict(), 1, Integer::sum);
    }
    // agreement at every sweep point: manual "passed" that we pass plus manual "failed"/"crashed" that we do not
    Map<String, Map<String, String>> agreement = new LinkedHashMap<>();
    for (int t : Tolerance.REPORTED_THRESHOLDS) {
      Map<String, String> row = new LinkedHashMap<>();
      for (double f : SWEEP_FRACTIONS) {
        int agree = 0;
        int judged = 0;
        for (Outcome o : outcomes) {
          String m = manual.get(o.test());
          if (o.verdict().equals("missing_reference") || m == null || m.equals("unknown")) {
            continue;
          }
          boolean we = o.difference() != null && o.difference().fractionAbove(t) <= f;
          judged++;
          if (we == m.equals("passed")) {
            agree++;
          }
        }
        row.put(percent(f), agree + "/" + judged);
      }
      agreement.put("channel>" + t, row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("column", column);
    out.put("column_totals_all_tests", columnTotals);
    out.put("our_verdict_by_manual_verdict", table);
    out.put("agreement_sweep", agreement);
    return out;
  }

  private static String percent(double f) {
    return String.format(Locale.ROOT, "%.1f%%", f * 100);
  }

  private static void writeDetails(Path file, List<Outcome> outcomes) throws IOException {
    StringBuilder sb = new StringBuilder("test\tstatus\tcode\trenderer\tms\tattempts\tverdict\tresized");
    for (int t : Tolerance.REPORTED_THRESHOLDS) {
      sb.append("\tdiff>").append(t);
    }
    sb.append('\n');
    for (Outcome o : outcomes) {
      sb.append(o.test()).append('\t').append(o.status()).append('\t').append(o.code()).append('\t')
          .append(o.renderer()).append('\t').append(o.millis()).append('\t').append(o.attempts()).append('\t')
          .append(o.verdict()).append('\t').append(o.difference() != null && o.difference().resized());
      for (int t : Tolerance.REPORTED_THRESHOLDS) {
        sb.append('\t');
        if (o.difference() != null) {
          sb.append(String.format(Locale.ROOT, "%.5f", o.difference().fractionAbove(t)));
        }
      }
      sb.append('\n');
    }
    Files.writeString(file, sb.toString());
  }

  @SuppressWarnings("unchecked")
  private static void printTable(Map<String, Object> s) {
    Map<String, Object> time = (Map<String, Object>) s.get("time");
    System.out.printf("%-16s pass %4d  fail %4d  error %4d  no-reference %3d  wall %s s  max RSS %s kB%n",
        s.get("name"), (Integer) s.get("pass"), (Integer) s.get("fail"), (Integer) s.get("error"),
        (Integer) s.get("missing_reference"), time.getOrDefault("wall_seconds", "?"),
        time.getOrDefault("max_rss_kb", "?"));
    System.out.println("  errors by code: " + s.get("errors_by_code"));
    if (!((Map<?, ?>) s.get("renderers_used")).isEmpty()) {
      System.out.println("  renderers used: " + s.get("renderers_used") + ", passes: " + s.get("passes_by_renderer"));
    }
    if (s.containsKey("csv_agreement")) {
      System.out.println("  vs manual results: "
          + ((Map<String, Object>) s.get("csv_agreement")).get("our_verdict_by_manual_verdict"));
    }
    List<String> problems = (List<String>) s.get("problems");
    System.out.println(problems.isEmpty() ? "  checks: all passed" : "  CHECKS FAILED: " + problems);
  }

  /** The fields of {@code /usr/bin/time -v} output that the report uses. */
  static Map<String, Object> gnuTime(Path file) throws IOException {
    Map<String, Object> t = new LinkedHashMap<>();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      Matcher m;
      if ((m = Pattern.compile("Elapsed \\(wall clock\\) time .*: (?:(\\d+):)?(\\d+):([\\d.]+)").matcher(line))
          .matches()) {
        double sec = (m.group(1) == null ? 0 : Integer.parseInt(m.group(1)) * 3600)
            + Integer.parseInt(m.group(2)) * 60 + Double.parseDouble(m.group(3));
        t.put("wall_seconds", Math.round(sec * 100) / 100.0);
      } else if (line.startsWith("User time (seconds):")) {
        t.put("user_seconds", Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()));
      } else if (line.startsWith("System time (seconds):")) {
        t.put("system_seconds", Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()));
      } else if (line.startsWith("Maximum resident set size (kbytes):")) {
        t.put("max_rss_kb", Long.parseLong(line.substring(line.indexOf(':') + 1).strip()));
      } else if (line.startsWith("Exit status:")) {
        t.put("exit_status", Integer.parseInt(line.substring(line.indexOf(':') + 1).strip()));
      } else if (line.startsWith("Command terminated by signal")) {
        t.put("signal", Integer.parseInt(line.replaceAll("[^0-9]", "")));
      } else if (line.startsWith("Percent of CPU this job got:")) {
        t.put("cpu_percent", line.substring(line.indexOf(':') + 1).strip());
      }
    }
    return t;
  }

  static String pngName(String test) {
    return test.substring(0, test.length() - ".svg".length()) + ".png";
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  static Duration parseDuration(String s) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(s.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("duration like 10s, 500ms or 2m expected: " + s);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }
}
