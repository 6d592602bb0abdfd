package dev.filebatch.acs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The Airman Certification Standards known to the parser: for each ACS prefix ({@code PA}, {@code IR}, {@code CA},
 * {@code UA}...) its edition, the knowledge-test exam codes that use it, and the titles of its areas of operation and
 * tasks. Used to validate the codes read from a report (prefix, area and task; never the element number, which ACS
 * revisions renumber) and to describe them in summaries and study plans.
 *
 * <p>{@link #standard()} is the bundled catalogue ({@code acs-catalogue.tsv}, which names its FAA editions);
 * {@link #load(InputStream)} reads another file of the same tab-separated form. Instances are immutable and
 * thread-safe.
 */
public final class AcsCatalogue {
  private static final String RESOURCE = "acs-catalogue.tsv";
  private static volatile AcsCatalogue standard;

  private final Map<String, Edition> editions;
  private final Map<String, String> prefixByExamCode;
  private final Map<String, Area> areas;
  private final Map<String, Task> tasks;
  private final Map<String, Integer> prefixOrder;

  private AcsCatalogue(List<Edition> editions, List<Area> areas, List<Task> tasks) {
    Map<String, Edition> byPrefix = new LinkedHashMap<>();
    Map<String, String> byExam = new LinkedHashMap<>();
    Map<String, Integer> order = new LinkedHashMap<>();
    for (Edition e : editions) {
      byPrefix.put(e.prefix(), e);
      order.putIfAbsent(e.prefix(), order.size());
      for (String exam : e.examCodes()) {
        byExam.put(exam, e.prefix());
      }
    }
    Map<String, Area> areaMap = new LinkedHashMap<>();
    for (Area a : areas) {
      if (!byPrefix.containsKey(a.prefix())) {
        throw new IllegalArgumentException("area " + a.prefix() + "." + a.numeral() + " has no edition line");
      }
      areaMap.put(a.prefix() + "." + a.numeral(), a);
    }
    Map<String, Task> taskMap = new LinkedHashMap<>();
    for (Task t : tasks) {
      if (!areaMap.containsKey(t.prefix() + "." + t.area())) {
        throw new IllegalArgumentException("task " + t.id() + " has no area line");
      }
      taskMap.put(t.id(), t);
    }
    this.editions = Collections.unmodifiableMap(byPrefix);
    this.prefixByExamCode = Collections.unmodifiableMap(byExam);
    this.areas = Collections.unmodifiableMap(areaMap);
    this.tasks = Collections.unmodifiableMap(taskMap);
    this.prefixOrder = Collections.unmodifiableMap(order);
  }

  /** The bundled catalogue: Private Pilot, Instrument Rating, Commercial Pilot (airplane) and Remote Pilot ACS. */
  public static AcsCatalogue standard() {
    AcsCatalogue c = standard;
    if (c == null) {
      synchronized (AcsCatalogue.class) {
        c = standard;
        if (c == null) {
          try (InputStream in = AcsCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("bundled " + RESOURCE + " is missing from the batch-acs jar");
            }
            c = load(in);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
          }
          standard = c;
        }
      }
    }
    return c;
  }

  /**
   * Reads a catalogue in the bundled file's tab-separated form: {@code edition}, {@code area} and {@code task} lines;
   * {@code #} starts a comment line.
   *
   * @throws IOException if the stream cannot be read
   * @throws IllegalArgumentException if a line is malformed, naming its line number
   */
  public static AcsCatalogue load(InputStream tsv) throws IOException {
    Objects.requireNonNull(tsv, "tsv");
    List<Edition> editions = new ArrayList<>();
    List<Area> areas = new ArrayList<>();
    List<Task> tasks = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(tsv, StandardCharsets.UTF_8));
    String line;
    int number = 0;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.split("\t");
      try {
        switch (f[0]) {
          case "edition" -> {
            require(f, 5, number);
            List<String> exams = new ArrayList<>();
            for (String exam : f[4].split(",")) {
              if (!exam.isBlank()) {
                exams.add(exam.trim().toUpperCase(Locale.ROOT));
              }
            }
            editions.add(new Edition(f[1], f[2], f[3], List.copyOf(exams)));
          }
          case "area" -> {
            require(f, 4, number);
            areas.add(new Area(f[1], f[2], RomanNumerals.toInt(f[2]), f[3]));
          }
          case "task" -> {
            require(f, 5, number);
            boolean verified = f.length > 5 && "verified".equals(f[5].trim());
            tasks.add(new Task(f[1], f[2], f[3], f[4], verified));
          }
          default -> throw new IllegalArgumentException("unknown line kind '" + f[0] + "'");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("ACS catalogue line " + number + ": " + e.getMessage(), e);
      }
    }
    return new AcsCatalogue(editions, areas, tasks);
  }

  private static void require(String[] fields, int count, int line) {
    if (fields.length < count) {
      throw new IllegalArgumentException("expected " + count + " tab-separated fields, found " + fields.length);
    }
  }

  /** Every edition, in file order. */
  public List<Edition> editions() {
    return List.copyOf(editions.values());
  }

  /** Whether the prefix (e.g. {@code PA}) is one of the catalogue's ACS. */
  public boolean knowsPrefix(String prefix) {
    return editions.containsKey(prefix);
  }

  /** The edition of an ACS prefix. */
  public Optional<Edition> edition(String prefix) {
    return Optional.ofNullable(editions.get(prefix));
  }

  /** The ACS prefix an exam code (e.g. {@code PAR}) is mapped to, e.g. {@code PA}. */
  public Optional<String> prefixForExam(String examCode) {
    return examCode == null ? Optional.empty() : Optional.ofNullable(prefixByExamCode.get(examCode.toUpperCase(Locale.ROOT)));
  }

  /** An area of operation, e.g. {@code area("PA", "I")}. */
  public Optional<Area> area(String prefix, String numeral) {
    return Optional.ofNullable(areas.get(prefix + "." + numeral));
  }

  /** A task, e.g. {@code task("PA", "I", "B")}. */
  public Optional<Task> task(String prefix, String areaNumeral, String letter) {
    return Optional.ofNullable(tasks.get(prefix + "." + areaNumeral + "." + letter));
  }

  /** Every task of the catalogue, in file order (ACS order). */
  public List<Task> tasks() {
    return List.copyOf(tasks.values());
  }

  /**
   * A sort key putting codes in ACS order: by prefix (catalogue order), area number, task letter; unknown prefixes
   * last.
   */
  public long orderOf(String prefix, String areaNumeral, String letter) {
    int p = prefixOrder.getOrDefault(prefix, 99);
    int a;
    try {
      a = RomanNumerals.toInt(areaNumeral);
    } catch (IllegalArgumentException e) {
      a = 99;
    }
    int t = letter == null || letter.isEmpty() ? 0 : letter.charAt(0);
    return (long) p * 1_000_000L + a * 1_000L + t;
  }

  /**
   * One ACS document.
   *
   * @param prefix the code prefix, e.g. {@code PA}
   * @param document the FAA document number, e.g. {@code FAA-S-ACS-6B}
   * @param title the document's title and date
   * @param examCodes the knowledge-test exam codes whose reports list this ACS's codes, e.g. {@code PAR}
   */
  public record Edition(String prefix, String document, String title, List<String> examCodes) {}

  /**
   * One area of operation.
   *
   * @param prefix the ACS prefix
   * @param numeral the Roman numeral, e.g. {@code VIII}
   * @param number the numeral's value, for ordering
   * @param title e.g. {@code Preflight Preparation}
   */
  public record Area(String prefix, String numeral, int number, String title) {}

  /**
   * One task.
   *
   * @param prefix the ACS prefix
   * @param area the area's Roman numeral
   * @param letter the task letter
   * @param title e.g. {@code Airworthiness Requirements}
   * @param verified whether the title was re-read from the FAA text while the catalogue was built (see the file)
   */
  public record Task(String prefix, String area, String letter, String title, boolean verified) {
    /** The task's code without element, e.g. {@code PA.I.B}. */
    public String id() {
      return prefix + "." + area + "." + letter;
    }
  }
}
