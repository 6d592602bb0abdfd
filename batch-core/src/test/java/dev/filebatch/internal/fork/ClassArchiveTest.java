package dev.filebatch.internal.fork;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassArchiveTest {
  private static final String CLASS_PATH = System.getProperty("java.class.path");

  @Test
  void runsThatOnlyLogCrashesElsewhereShareOneArchive() {
    String first = ClassArchive.key(List.of("java", "-Xmx256m", "-XX:ErrorFile=/tmp/run1/hs_err_%p.log"), CLASS_PATH);
    String second = ClassArchive.key(List.of("java", "-Xmx256m", "-XX:ErrorFile=/tmp/run2/hs_err_%p.log"), CLASS_PATH);

    assertThat(second).isEqualTo(first);
  }

  @Test
  void optionsThatCanChangeTheLoadedClassesMakeAnotherArchive() {
    String plain = ClassArchive.key(List.of("java", "-Xmx256m"), CLASS_PATH);

    assertThat(ClassArchive.key(List.of("java", "-Xmx256m", "-XX:+UseParallelGC"), CLASS_PATH)).isNotEqualTo(plain);
    assertThat(ClassArchive.key(List.of("java", "-Xmx256m"), CLASS_PATH + java.io.File.pathSeparator + "extra.jar"))
        .isNotEqualTo(plain);
  }
}
