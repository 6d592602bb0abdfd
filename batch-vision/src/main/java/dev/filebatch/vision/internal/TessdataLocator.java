package dev.filebatch.vision.internal;

import dev.filebatch.ErrorCode;
import dev.filebatch.spi.FileProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Finds a folder holding {@code <language>.traineddata} for every part of a Tesseract language such as
 * {@code eng+deu}. Order: the recognizer's explicit path, {@code TESSDATA_PREFIX}, the model bundled in
 * {@code batch-tessdata} (if that jar is on the class path), then the usual system folders.
 *
 * <p>An explicit path that lacks the language is an error rather than a reason to look further: the caller asked
 * for that folder. {@code TESSDATA_PREFIX} may be set for another program, so a miss there only falls through.
 */
public final class TessdataLocator {
  /** The code a file fails with when no language data can be found or loaded. */
  public static final ErrorCode OCR_UNAVAILABLE = ErrorCode.of("OCR_UNAVAILABLE");

  /** Where Debian, Ubuntu, Fedora, Alpine and source installs keep the data. */
  public static final List<Path> SYSTEM_FOLDERS = List.of(
      Path.of("/usr/share/tesseract-ocr/5/tessdata"),
      Path.of("/usr/share/tesseract-ocr/4.00/tessdata"),
      Path.of("/usr/share/tessdata"),
      Path.of("/usr/local/share/tessdata"));

  /** The folder inside the batch-tessdata jar. */
  static final String BUNDLED_FOLDER = "dev/filebatch/tessdata/";

  // One private copy per JVM and language set: Tesseract needs a directory, the jar only gives a stream.
  private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

  /** Where the data was found and how, for logs and error messages. */
  public record Found(Path directory, String source) {}

  private final Path explicit;
  private final Map<String, String> environment;
  private final ClassLoader classLoader;
  private final List<Path> systemFolders;

  /**
   * @param explicit the configured folder, or {@code null}
   * @param environment the environment to read {@code TESSDATA_PREFIX} from
   * @param classLoader where to look for the bundled model, or {@code null} to skip it
   * @param systemFolders the system folders to try, in order
   */
  public TessdataLocator(
      Path explicit, Map<String, String> environment, ClassLoader classLoader, List<Path> systemFolders) {
    this.explicit = explicit;
    this.environment = Map.copyOf(environment);
    this.classLoader = classLoader;
    this.systemFolders = List.copyOf(systemFolders);
  }

  /** The standard order against this process's environment and class path. */
  public static TessdataLocator standard(Path explicit) {
    return new TessdataLocator(explicit, System.getenv(), TessdataLocator.class.getClassLoader(), SYSTEM_FOLDERS);
  }

  /**
   * Finds the data for {@code language}.
   *
   * @throws FileProcessingException {@link #OCR_UNAVAILABLE} with a remediation naming the fixes
   */
  public Found locate(String language) throws FileProcessingException {
    List<String> parts = Arrays.asList(language.split("\\+"));
    List<String> looked = new ArrayList<>();

    if (explicit != null) {
      Optional<Path> dir = holding(explicit, parts);
      if (dir.isPresent()) {
        return new Found(dir.get(), "configured tessdataPath");
      }
      throw unavailable(language, "the configured tessdataPath " + explicit + " holds no " + files(parts),
          "Point tessdataPath at a folder holding " + files(parts) + ", or leave it unset to use TESSDATA_PREFIX, "
              + "the bundled model (dev.filebatch:batch-tessdata) or the system's tesseract-ocr-" + parts.get(0)
              + " package.");
    }

    String prefix = environment.get("TESSDATA_PREFIX");
    if (prefix != null && !prefix.isBlank()) {
      Optional<Path> dir = holding(Path.of(prefix.trim()), parts);
      if (dir.isPresent()) {
        return new Found(dir.get(), "TESSDATA_PREFIX");
      }
      looked.add("TESSDATA_PREFIX=" + prefix.trim());
    } else {
      looked.add("TESSDATA_PREFIX (unset)");
    }

    if (classLoader != null) {
      if (parts.stream().allMatch(p -> classLoader.getResource(BUNDLED_FOLDER + p + ".traineddata") != null)) {
        try {
          // Re-copied if a temp cleaner removed the copy while the JVM ran.
          Path dir = EXTRACTED.compute(String.join("+", parts),
              (key, old) -> old != null && holding(old, parts).isPresent() ? old : extract(parts));
          return new Found(dir, "bundled dev.filebatch:batch-tessdata");
        } catch (UncheckedIOException e) {
          looked.add("the class path (batch-tessdata could not be copied to a temporary folder: "
              + e.getCause().getMessage() + ")");
        }
      } else {
        looked.add("the class path (" + (classLoader.getResource(BUNDLED_FOLDER + "eng.traineddata") == null
            ? "dev.filebatch:batch-tessdata absent" : "batch-tessdata holds English only") + ")");
      }
    }

    for (Path folder : systemFolders) {
      Optional<Path> dir = holding(folder, parts);
      if (dir.isPresent()) {
        return new Found(dir.get(), "system folder");
      }
      looked.add(folder.toString());
    }

    throw unavailable(language, "looked in " + String.join(", ", looked),
        "Add the dependency dev.filebatch:batch-tessdata (English), or set TESSDATA_PREFIX to a folder holding "
            + files(parts) + ", or install the system package (Debian/Ubuntu: apt-get install tesseract-ocr-"
            + parts.get(0) + "), or configure TesseractRecognizer.builder().tessdataPath(...).");
  }

  private static FileProcessingException unavailable(String language, String detail, String remediation) {
    return new FileProcessingException(OCR_UNAVAILABLE,
        "Tesseract language data for '" + language + "' was not found (" + detail + ").", remediation);
  }

  private static String files(List<String> parts) {
    return String.join(" and ", parts.stream().map(p -> p + ".traineddata").toList());
  }

  /** The folder itself, or its {@code tessdata} child (TESSDATA_PREFIX meant the parent before Tesseract 4). */
  private static Optional<Path> holding(Path folder, List<String> parts) {
    return Stream.of(folder, folder.resolve("tessdata"))
        .filter(dir -> parts.stream().allMatch(p -> Files.isRegularFile(dir.resolve(p + ".traineddata"))))
        .findFirst();
  }

  private Path extract(List<String> parts) {
    try {
      // createTempDirectory makes an owner-only folder on POSIX, so no other local user can swap the model.
      Path dir = Files.createTempDirectory("filebatch-tessdata-");
      for (String part : parts) {
        try (InputStream in = classLoader.getResourceAsStream(BUNDLED_FOLDER + part + ".traineddata")) {
          Files.copy(in, dir.resolve(part + ".traineddata"), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(dir), "filebatch-tessdata-cleanup"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | RuntimeException ignored) {
      // best effort at shutdown: the OS cleans the temp folder eventually
    }
  }
}
