package io.github.exchangeresilience.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorCatalogOverrideTest {
  private static final CatalogEntry OKX_50011 = CatalogEntry.builder()
      .exchange(Exchange.OKX)
      .code("50011")
      .httpStatus(429)
      .addMessage(LocalizedMessage.en("Requests too frequent."))
      .section("General Class")
      .source("001_fbebf5cfef146b6b.txt")
      .documentKind("okx-public")
      .policyClass(PolicyClass.RATE_LIMITED)
      .classifiedBy("okx.rate-limit")
      .build();

  @Test
  void overrideChangesOnlyTheNamedCodeAndSaysSo() {
    ErrorCatalog catalog = ErrorCatalog.of(List.of(OKX_50011));

    ErrorCatalog overridden = catalog.withOverride(Exchange.OKX, "50011", PolicyClass.TRANSIENT);

    assertThat(overridden.classify(Exchange.OKX, "50011")).isEqualTo(PolicyClass.TRANSIENT);
    assertThat(overridden.find(Exchange.OKX, "50011").orElseThrow().classifiedBy()).contains(ErrorCatalog.OVERRIDE);
    assertThat(overridden.find(Exchange.OKX, "50011").orElseThrow().message()).isEqualTo("Requests too frequent.");
    assertThat(catalog.classify(Exchange.OKX, "50011")).isEqualTo(PolicyClass.RATE_LIMITED);
  }

  @Test
  void overrideOfAnUndocumentedCodeAddsIt() {
    ErrorCatalog overridden = ErrorCatalog.of(List.of(OKX_50011))
        .withOverride(Exchange.OKX, "50061", PolicyClass.RATE_LIMITED);

    assertThat(overridden.classify(Exchange.OKX, "50061")).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(overridden.classify(Exchange.BYBIT, "50061")).isEqualTo(PolicyClass.UNKNOWN);
  }

  @Test
  void codesAreComparedAsTrimmedText() {
    ErrorCatalog catalog = ErrorCatalog.of(List.of(OKX_50011));

    assertThat(catalog.classify(Exchange.OKX, " 50011 ")).isEqualTo(PolicyClass.RATE_LIMITED);
    assertThat(catalog.classify(Exchange.OKX, null)).isEqualTo(PolicyClass.UNKNOWN);
  }

  @Test
  void twoEntriesForOneCodeAreRefused() {
    assertThatThrownBy(() -> ErrorCatalog.of(List.of(OKX_50011, OKX_50011)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("50011");
  }

  @Test
  void dataFileRoundTripsEveryField() throws Exception {
    CatalogEntry bybit403 = CatalogEntry.builder()
        .exchange(Exchange.OKX)
        .code("403")
        .kind(EntryKind.HTTP_STATUS)
        .addMessage(LocalizedMessage.en("Forbidden"))
        .addMessage(LocalizedMessage.zh("禁止"))
        .source("x.txt")
        .transport(Transport.WEBSOCKET)
        .policyClass(PolicyClass.RATE_LIMITED)
        .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    CatalogFiles.write(Exchange.OKX, List.of(OKX_50011, bybit403), out);
    List<CatalogEntry> read = CatalogFiles.read(new ByteArrayInputStream(out.toByteArray()));

    assertThat(read).containsExactly(OKX_50011, bybit403);
    assertThat(out.toString(java.nio.charset.StandardCharsets.UTF_8).lines()).as("one line per entry").hasSize(4);
  }
}
