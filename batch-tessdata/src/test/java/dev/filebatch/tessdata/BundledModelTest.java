package dev.filebatch.tessdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class BundledModelTest {
  @Test
  void shipsTheEnglishModelUnchangedFromItsNamedSource() throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    long size = 0;
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("dev/filebatch/tessdata/eng.traineddata")) {
      assertThat(in).as("eng.traineddata on the class path").isNotNull();
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha256.update(buffer, 0, n);
        size += n;
      }
    }
    // The digest recorded in README.md and NOTICE: the file must stay byte-for-byte what Debian shipped.
    assertThat(size).isEqualTo(4_113_088L);
    assertThat(HexFormat.of().formatHex(sha256.digest()))
        .isEqualTo("7d4322bd2a7749724879683fc3912cb542f19906c83bcc1a52132556427170b2");
  }

  @Test
  void shipsTheLicenceAndNoticeBesideTheModel() {
    ClassLoader loader = getClass().getClassLoader();
    assertThat(loader.getResource("dev/filebatch/tessdata/NOTICE")).isNotNull();
    assertThat(loader.getResource("dev/filebatch/tessdata/LICENSE-Apache-2.0.txt")).isNotNull();
  }
}
