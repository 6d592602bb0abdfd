package dev.filebatch.acs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AcsCatalogueTest {
  private final AcsCatalogue catalogue = AcsCatalogue.standard();

  @Test
  void namesTheFaaEditionOfEachBundledAcs() {
    assertThat(catalogue.editions()).extracting(AcsCatalogue.Edition::prefix).containsExactly("PA", "IR", "CA", "UA");
    assertThat(catalogue.edition("PA").orElseThrow().document()).isEqualTo("FAA-S-ACS-6C");
    assertThat(catalogue.edition("IR").orElseThrow().document()).isEqualTo("FAA-S-ACS-8C");
    assertThat(catalogue.edition("CA").orElseThrow().document()).isEqualTo("FAA-S-ACS-7B");
    assertThat(catalogue.edition("UA").orElseThrow().document()).isEqualTo("FAA-S-ACS-10B");
  }

  @Test
  void mapsExamCodesToTheirAcs() {
    assertThat(catalogue.prefixForExam("PAR")).contains("PA");
    assertThat(catalogue.prefixForExam("ira")).contains("IR");
    assertThat(catalogue.prefixForExam("CAX")).contains("CA");
    assertThat(catalogue.prefixForExam("UAG")).contains("UA");
    assertThat(catalogue.prefixForExam("ZZZ")).isEmpty();
  }

  @Test
  void givesAreaAndTaskTitles() {
    assertThat(catalogue.area("PA", "I").orElseThrow().title()).isEqualTo("Preflight Preparation");
    assertThat(catalogue.task("PA", "I", "B").orElseThrow().title()).isEqualTo("Airworthiness Requirements");
    assertThat(catalogue.task("IR", "III", "B").orElseThrow().title()).isEqualTo("Holding Procedures");
    assertThat(catalogue.task("UA", "V", "E").orElseThrow().title()).isEqualTo("Physiology");
    assertThat(catalogue.task("PA", "I", "Z")).isEmpty();
    assertThat(catalogue.task("PA", "XV", "A")).isEmpty();
  }

  @Test
  void followsTheNumberingOfTheNamedEditions() {
    // FAA-S-ACS-7B merged the ground reference maneuver into Area V and has 11 areas, so 7A's CA.XII is gone.
    assertThat(catalogue.task("CA", "V", "E").orElseThrow().title()).isEqualTo("Eights on Pylons");
    assertThat(catalogue.task("CA", "VIII", "A").orElseThrow().title()).isEqualTo("Supplemental Oxygen");
    assertThat(catalogue.area("CA", "XII")).isEmpty();
    assertThat(catalogue.task("PA", "XI", "A").orElseThrow().title()).isEqualTo("Night Operations");
    assertThat(catalogue.task("UA", "I", "F").orElseThrow().title()).isEqualTo("Remote Identification (RID)");
  }

  @Test
  void marksEveryAirplaneTaskVerifiedAgainstTheFaaText() {
    assertThat(catalogue.tasks()).filteredOn(t -> !t.prefix().equals("UA")).hasSize(143).allMatch(AcsCatalogue.Task::verified);
  }

  @Test
  void everyAreaHasATaskAndEveryPrefixAnExamCode() {
    for (AcsCatalogue.Edition e : catalogue.editions()) {
      assertThat(e.examCodes()).isNotEmpty();
      assertThat(catalogue.tasks()).anyMatch(t -> t.prefix().equals(e.prefix()));
    }
  }

  @Test
  void ordersCodesByAreaThenTask() {
    assertThat(catalogue.orderOf("PA", "II", "A")).isLessThan(catalogue.orderOf("PA", "IX", "A"));
    assertThat(catalogue.orderOf("PA", "I", "C")).isLessThan(catalogue.orderOf("PA", "I", "D"));
  }

  @Test
  void rejectsMalformedCatalogueNamingTheLine() {
    String tsv = "# comment\nedition\tPA\tFAA-S-ACS-6B\tPrivate\tPAR\narea\tPA\tXXX\tNowhere\n";
    assertThatThrownBy(() -> AcsCatalogue.load(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3");
  }

  @Test
  void rejectsTaskWithoutArea() {
    String tsv = "edition\tPA\tFAA-S-ACS-6B\tPrivate\tPAR\ntask\tPA\tI\tA\tPilot Qualifications\tverified\n";
    assertThatThrownBy(() -> AcsCatalogue.load(new ByteArrayInputStream(tsv.getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PA.I.A");
  }
}
