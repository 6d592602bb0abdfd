package dev.filebatch.vision.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.filebatch.spi.FileProcessingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TessdataLocatorTest {
  @TempDir Path dir;

  private Path folderWith(String name, String... languages) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(name));
    for (String language : languages) {
      Files.writeString(folder.resolve(language + ".traineddata"), "model");
    }
    return folder;
  }

  private final ClassLoader withBundle = getClass().getClassLoader(); // batch-tessdata is on the test class path

  @Test
  void prefersTheConfiguredPathOverEverythingElse() throws Exception {
    Path configured = folderWith("configured", "eng");
    Path env = folderWith("env", "eng");
    TessdataLocator locator = new TessdataLocator(configured, Map.of("TESSDATA_PREFIX", env.toString()),
        withBundle, List.of(folderWith("system", "eng")));

    assertThat(locator.locate("eng").directory()).isEqualTo(configured);
  }

  @Test
  void prefersTessdataPrefixOverTheBundledModel() throws Exception {
    Path env = folderWith("env", "eng");
    TessdataLocator locator = new TessdataLocator(null, Map.of("TESSDATA_PREFIX", env.toString()), withBundle,
        List.of());

    assertThat(locator.locate("eng")).isEqualTo(new TessdataLocator.Found(env, "TESSDATA_PREFIX"));
  }

  @Test
  void acceptsTessdataPrefixPointingAtTheParentFolder() throws Exception {
    Path tessdata = folderWith("share/tessdata", "eng");
    TessdataLocator locator = new TessdataLocator(null, Map.of("TESSDATA_PREFIX", dir.resolve("share").toString()),
        null, List.of());

    assertThat(locator.locate("eng").directory()).isEqualTo(tessdata);
  }

  @Test
  void usesTheBundledModelBeforeSystemFoldersCopiedToAPrivateFolder() throws Exception {
    TessdataLocator locator = new TessdataLocator(null, Map.of(), withBundle, List.of(folderWith("system", "eng")));

    TessdataLocator.Found found = locator.locate("eng");

    assertThat(found.source()).contains("batch-tessdata");
    assertThat(found.directory().resolve("eng.traineddata")).hasSize(4_113_088L);
  }

  @Test
  void fallsBackToSystemFoldersInOrder() throws Exception {
    Path second = folderWith("second", "eng", "deu");
    TessdataLocator locator = new TessdataLocator(null, Map.of("TESSDATA_PREFIX", dir.resolve("nope").toString()),
        withBundle, List.of(folderWith("first", "eng"), second));

    // The bundle and the first folder hold English only, so eng+deu comes from the second folder.
    assertThat(locator.locate("eng+deu").directory()).isEqualTo(second);
  }

  @Test
  void failsWithOcrUnavailableListingWhereItLookedAndEveryFix() {
    Path system = dir.resolve("usr/share/tessdata");
    TessdataLocator locator = new TessdataLocator(null, Map.of(), null, List.of(system));

    assertThatThrownBy(() -> locator.locate("eng"))
        .isInstanceOfSatisfying(FileProcessingException.class, e -> {
          assertThat(e.code()).isEqualTo(TessdataLocator.OCR_UNAVAILABLE);
          assertThat(e.getMessage()).contains("TESSDATA_PREFIX (unset)").contains(system.toString());
          assertThat(e.error().remediation())
              .contains("dev.filebatch:batch-tessdata")
              .contains("set TESSDATA_PREFIX")
              .contains("apt-get install tesseract-ocr-eng")
              .contains("tessdataPath");
        });
  }

  @Test
  void doesNotLookFurtherWhenTheConfiguredPathLacksTheLanguage() throws Exception {
    Path configured = folderWith("configured");
    TessdataLocator locator = new TessdataLocator(configured, Map.of(), withBundle, List.of());

    assertThatThrownBy(() -> locator.locate("eng"))
        .isInstanceOfSatisfying(FileProcessingException.class,
            e -> assertThat(e.code()).isEqualTo(TessdataLocator.OCR_UNAVAILABLE));
  }
}
