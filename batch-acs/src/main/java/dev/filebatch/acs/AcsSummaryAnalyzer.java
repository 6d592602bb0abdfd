package dev.filebatch.acs;

import dev.filebatch.FileResult;
import dev.filebatch.acs.KnowledgeTestSummary.Attempt;
import dev.filebatch.acs.KnowledgeTestSummary.CodeFrequency;
import dev.filebatch.acs.KnowledgeTestSummary.ExamGroup;
import dev.filebatch.acs.KnowledgeTestSummary.ScoreBucket;
import dev.filebatch.acs.KnowledgeTestSummary.ScoreDistribution;
import dev.filebatch.acs.KnowledgeTestSummary.Trend;
import dev.filebatch.acs.KnowledgeTestSummary.WeakArea;
import dev.filebatch.acs.internal.OcrRepair;
import dev.filebatch.spi.Summarizer;
import dev.filebatch.spi.SummaryContext;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Summarises the {@link KnowledgeTestReport}s of a batch: how often each ACS code was missed, the score
 * distribution and pass rate, consistent weak areas (codes in more than a threshold share of reports, 30% by default,
 * computed per exam so PAR and IRA codes never mix), trends for people with several attempts (matched by FTN when
 * present, else by a normalised name tolerant of small OCR differences) and a study plan ordered by frequency, then
 * by ACS order.
 *
 * <p>Files without a report payload (failed, or another processor's result) are ignored. Thread-safe.
 */
public final class AcsSummaryAnalyzer implements Summarizer<KnowledgeTestSummary> {
  /** Default share of reports above which a code is a consistent weak area. */
  public static final double DEFAULT_WEAK_AREA_THRESHOLD = 0.30;
  /** Default width of the score distribution's buckets. */
  public static final int DEFAULT_BUCKET_WIDTH = 10;

  private final AcsCatalogue catalogue;
  private final double threshold;
  private final int passingScore;
  private final int bucketWidth;

  private AcsSummaryAnalyzer(Builder b) {
    this.catalogue = b.catalogue;
    this.threshold = b.threshold;
    this.passingScore = b.passingScore;
    this.bucketWidth = b.bucketWidth;
  }

  /** An analyzer with the defaults: bundled catalogue, threshold 0.30, passing score 70, buckets of 10 points. */
  public static AcsSummaryAnalyzer create() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The weak-area threshold, as a fraction. */
  public double weakAreaThreshold() {
    return threshold;
  }

  @Override
  public KnowledgeTestSummary summarize(List<FileResult> files, SummaryContext context) {
    List<Entry> entries = new ArrayList<>();
    for (FileResult f : files) {
      if (f.hasPayload() && f.payload() instanceof KnowledgeTestReport r) {
        entries.add(new Entry(f.fileName(), r, examKey(r)));
      }
    }
    return summarize(entries);
  }

  /** Summarises reports given directly, named {@code report-1}, {@code report-2}... for the study plan. */
  public KnowledgeTestSummary summarizeReports(List<KnowledgeTestReport> reports) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      entries.add(new Entry("report-" + (i + 1), reports.get(i), examKey(reports.get(i))));
    }
    return summarize(entries);
  }

  private record Entry(String fileName, KnowledgeTestReport report, String exam) {}

  private static String examKey(KnowledgeTestReport r) {
    if (r.examCode() != null) {
      return r.examCode();
    }
    return r.acsCodes().isEmpty() ? null : r.acsCodes().get(0).prefix();
  }

  private KnowledgeTestSummary summarize(List<Entry> entries) {
    Map<String, List<Entry>> byExam = new LinkedHashMap<>();
    for (Entry e : entries) {
      byExam.computeIfAbsent(e.exam() == null ? "" : e.exam(), k -> new ArrayList<>()).add(e);
    }
    List<ExamGroup> exams = new ArrayList<>();
    List<CodeStat> stats = new ArrayList<>();
    for (Map.Entry<String, List<Entry>> group : byExam.entrySet()) {
      String exam = group.getKey().isEmpty() ? null : group.getKey();
      List<Entry> members = group.getValue();
      exams.add(new ExamGroup(exam, mostCommonTitle(members), members.size()));
      Map<String, CodeStat> perCode = new LinkedHashMap<>();
      for (Entry e : members) {
        for (AcsCode c : e.report().acsCodes()) {
          CodeStat s = perCode.computeIfAbsent(c.code(), k -> new CodeStat(c, exam, members.size()));
          if (!s.reports.contains(e.fileName())) {
            s.reports.add(e.fileName());
          }
        }
      }
      stats.addAll(perCode.values());
    }
    stats.sort(Comparator.comparingInt((CodeStat s) -> -s.reports.size()).thenComparing(this::acsOrder));

    List<CodeFrequency> frequencies = new ArrayList<>();
    List<WeakArea> weak = new ArrayList<>();
    List<StudyPlanItem> plan = new ArrayList<>();
    for (CodeStat s : stats) {
      double pct = percentage(s.reports.size(), s.examReports);
      frequencies.add(new CodeFrequency(s.code.code(), s.exam, s.reports.size(), pct));
      if (s.reports.size() > threshold * s.examReports + 1e-9) {
        weak.add(new WeakArea(s.code.code(), s.exam, s.reports.size(), pct, describe(s.code)));
      }
      plan.add(new StudyPlanItem(plan.size() + 1, s.code.code(), s.exam, s.reports.size(), pct, s.code.area(),
          s.code.task(), s.reports));
    }
    return new KnowledgeTestSummary(entries.size(), exams, frequencies, weak, scores(entries), passRate(entries),
        trends(byExam), plan, threshold);
  }

  private static final class CodeStat {
    final AcsCode code;
    final String exam;
    final int examReports;
    final List<String> reports = new ArrayList<>();

    CodeStat(AcsCode code, String exam, int examReports) {
      this.code = code;
      this.exam = exam;
      this.examReports = examReports;
    }
  }

  private String acsOrder(CodeStat s) {
    AcsCode c = s.code;
    long order = catalogue.orderOf(c.prefix(), c.areaNumeral(), c.taskLetter());
    String element = c.element();
    String kind = element.substring(0, 1);
    String digits = element.substring(1).replaceAll("[^0-9]", "");
    String sub = element.substring(1).replaceAll("[0-9]", "");
    return String.format(Locale.ROOT, "%012d|%s|%03d|%s|%s", order, "KRS".indexOf(kind) >= 0 ? "KRS".indexOf(kind)
        : 9, digits.isEmpty() ? 0 : Integer.parseInt(digits), sub, s.exam == null ? "" : s.exam);
  }

  private static String describe(AcsCode c) {
    if (c.area() == null) {
      return c.task();
    }
    return c.area() + " - " + c.task();
  }

  private static String mostCommonTitle(List<Entry> members) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Entry e : members) {
      if (e.report().examTitle() != null) {
        counts.merge(e.report().examTitle(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  private static double percentage(int part, int whole) {
    return whole == 0 ? 0.0 : Math.round(1000.0 * part / whole) / 10.0;
  }

  private static double round1(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private ScoreDistribution scores(List<Entry> entries) {
    int[] scores = entries.stream().map(e -> e.report().score()).filter(Objects::nonNull).mapToInt(Integer::intValue)
        .sorted().toArray();
    if (scores.length == 0) {
      return new ScoreDistribution(0, null, null, null, null, null, List.of());
    }
    double mean = Arrays.stream(scores).average().orElse(0);
    double median = scores.length % 2 == 1 ? scores[scores.length / 2]
        : (scores[scores.length / 2 - 1] + scores[scores.length / 2]) / 2.0;
    double variance = Arrays.stream(scores).mapToDouble(s -> (s - mean) * (s - mean)).sum() / scores.length;
    List<ScoreBucket> buckets = new ArrayList<>();
    int last = lastBucketStart();
    int from = Math.min(bucketStart(scores[0]), last);
    int to = Math.min(bucketStart(scores[scores.length - 1]), last);
    for (int start = from; start <= to; start += bucketWidth) {
      int end = start == last ? 100 : start + bucketWidth - 1;
      int lo = start;
      int count = (int) Arrays.stream(scores).filter(s -> s >= lo && s <= end).count();
      buckets.add(new ScoreBucket(start + "-" + end, start, end, count));
    }
    return new ScoreDistribution(scores.length, scores[0], scores[scores.length - 1], round1(mean), round1(median),
        round1(Math.sqrt(variance)), buckets);
  }

  private int bucketStart(int score) {
    return Math.min(score / bucketWidth * bucketWidth, lastBucketStart());
  }

  private int lastBucketStart() {
    // 100 joins the top bucket instead of being alone in its own
    return (100 - 1) / bucketWidth * bucketWidth;
  }

  private Double passRate(List<Entry> entries) {
    int graded = 0;
    int passed = 0;
    for (Entry e : entries) {
      Grade g = e.report().grade();
      if (g == null && e.report().score() != null) {
        g = e.report().score() >= passingScore ? Grade.PASS : Grade.FAIL;
      }
      if (g != null) {
        graded++;
        if (g == Grade.PASS) {
          passed++;
        }
      }
    }
    return graded == 0 ? null : percentage(passed, graded);
  }

  // ---- trends ----

  private static final class Person {
    final List<Entry> attempts = new ArrayList<>();
    final Set<String> names = new LinkedHashSet<>();
    String ftn;
    boolean allByFtn = true;
  }

  private List<Trend> trends(Map<String, List<Entry>> byExam) {
    List<Trend> trends = new ArrayList<>();
    for (List<Entry> members : byExam.values()) {
      List<Person> people = new ArrayList<>();
      for (Entry e : members) {
        String ftn = e.report().ftn();
        String name = nameKey(e.report().applicantName());
        Person match = null;
        if (ftn != null) {
          match = people.stream().filter(p -> ftn.equals(p.ftn)).findFirst().orElse(null);
        }
        if (match == null && name != null) {
          match = people.stream()
              .filter(p -> p.ftn == null || ftn == null)
              .filter(p -> p.names.stream().anyMatch(n -> sameName(n, name)))
              .findFirst().orElse(null);
          if (match != null) {
            match.allByFtn = false;
          }
        }
        if (match == null) {
          if (ftn == null && name == null) {
            continue; // nobody to attribute this attempt to
          }
          match = new Person();
          match.allByFtn = ftn != null;
          people.add(match);
        }
        match.attempts.add(e);
        if (name != null) {
          match.names.add(name);
        }
        if (match.ftn == null) {
          match.ftn = ftn;
        }
      }
      for (Person p : people) {
        if (p.attempts.size() >= 2) {
          trends.add(trend(p));
        }
      }
    }
    return trends;
  }

  private static Trend trend(Person p) {
    List<Entry> sorted = new ArrayList<>(p.attempts);
    sorted.sort(Comparator.comparing((Entry e) -> e.report().examDate(), Comparator.nullsLast(LocalDate::compareTo))
        .thenComparing(e -> e.report().take(), Comparator.nullsLast(Integer::compareTo)));
    KnowledgeTestReport first = sorted.get(0).report();
    KnowledgeTestReport last = sorted.get(sorted.size() - 1).report();
    List<Attempt> attempts = new ArrayList<>();
    for (Entry e : sorted) {
      KnowledgeTestReport r = e.report();
      attempts.add(new Attempt(e.fileName(), r.examDate(), r.take(), r.score(), r.grade()));
    }
    Set<String> before = new LinkedHashSet<>(first.codeStrings());
    Set<String> after = new LinkedHashSet<>(last.codeStrings());
    List<String> resolved = before.stream().filter(c -> !after.contains(c)).toList();
    List<String> still = before.stream().filter(after::contains).toList();
    List<String> fresh = after.stream().filter(c -> !before.contains(c)).toList();
    Integer change = first.score() != null && last.score() != null ? last.score() - first.score() : null;
    String name = last.applicantName() != null ? last.applicantName() : first.applicantName();
    return new Trend(name, p.ftn, sorted.get(0).exam(), p.allByFtn ? "ftn" : "name", attempts, change, resolved,
        still, fresh);
  }

  /** Upper case, accents and punctuation removed, initials dropped, tokens sorted: "Smith, John A" = "JOHN SMITH". */
  static String nameKey(String name) {
    if (name == null) {
      return null;
    }
    String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .toUpperCase(Locale.ROOT).replaceAll("[^A-Z]+", " ").trim();
    List<String> tokens = new ArrayList<>();
    for (String t : plain.split(" ")) {
      if (t.length() > 1) {
        tokens.add(t);
      }
    }
    if (tokens.isEmpty()) {
      return null;
    }
    tokens.sort(null);
    return String.join(" ", tokens);
  }

  /** Equal keys, or a small edit distance (one per ten letters, at least one) for OCR slips. */
  static boolean sameName(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    int allowed = Math.max(1, Math.min(a.length(), b.length()) / 10);
    return OcrRepair.distance(a, b) <= allowed;
  }

  /** Builds an {@link AcsSummaryAnalyzer}; reusable. */
  public static final class Builder {
    private AcsCatalogue catalogue = AcsCatalogue.standard();
    private double threshold = DEFAULT_WEAK_AREA_THRESHOLD;
    private int passingScore = AktrParser.DEFAULT_PASSING_SCORE;
    private int bucketWidth = DEFAULT_BUCKET_WIDTH;

    private Builder() {}

    /** The catalogue used to order codes; the bundled one by default. */
    public Builder catalogue(AcsCatalogue catalogue) {
      this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
      return this;
    }

    /**
     * The share of an exam's reports a code must exceed to be a consistent weak area; 0.30 by default.
     *
     * @param threshold a fraction from 0 (inclusive) to 1 (exclusive)
     */
    public Builder weakAreaThreshold(double threshold) {
      if (!(threshold >= 0 && threshold < 1)) {
        throw new IllegalArgumentException("weak-area threshold must be a fraction from 0 to below 1 (0.30 = 30%), "
            + "was " + threshold);
      }
      this.threshold = threshold;
      return this;
    }

    /** The passing score, used when a report shows a score but no legible grade; 70 by default. */
    public Builder passingScore(int passingScore) {
      if (passingScore < 1 || passingScore > 100) {
        throw new IllegalArgumentException("passing score must be between 1 and 100, was " + passingScore);
      }
      this.passingScore = passingScore;
      return this;
    }

    /** The width of the score buckets, in points; 10 by default. */
    public Builder scoreBucketWidth(int width) {
      if (width < 1 || width > 50) {
        throw new IllegalArgumentException("score bucket width must be between 1 and 50 points, was " + width);
      }
      this.bucketWidth = width;
      return this;
    }

    /** The analyzer. */
    public AcsSummaryAnalyzer build() {
      return new AcsSummaryAnalyzer(this);
    }
  }

}
