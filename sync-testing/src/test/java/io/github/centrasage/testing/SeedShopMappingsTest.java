package io.github.centrasage.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeedShopMappingsTest {
  final Sage200Sandbox sage = Sage200Sandbox.start();
  final Sage200Client client = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId())
      .companyId(sage.companyId()).tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true)
      .readTimeout(Duration.ofSeconds(20)).build();

  @AfterEach
  void stop() {
    sage.close();
  }

  @Test
  void mapsTheSeedShopsCurrenciesAndVatToTheIdsTheSageSandboxAssigned() {
    Mappings m = SeedShopMappings.builder(client).putWarehouse("1", "2").build();

    long base = client.currencies().list(ODataQuery.all()).stream()
        .filter(c -> c.isBaseCurrency().orElse(false)).findFirst().orElseThrow().id();
    long standard = client.taxCodes().list(ODataQuery.all()).stream()
        .filter(t -> t.code().orElse(-1) == 1).findFirst().orElseThrow().id();
    assertThat(m.currencies()).containsEntry("GBP", Long.toString(base)).containsKey("EUR").hasSize(2);
    assertThat(m.taxCodes()).anySatisfy(t -> {
      assertThat(t.percent()).isEqualByComparingTo(new BigDecimal("20"));
      assertThat(t.sageTaxCodeId()).isEqualTo(standard);
    });
    assertThat(m.customerDocumentPrefix()).isEqualTo("CENTRA-");
    // the order import's checks read only the mappings: its Centra client is never called
    CentraClient centra = CentraClient.builder().baseUrl("http://127.0.0.1:9/").token("unused").allowPlainHttp(true)
        .build();
    Integration link = Integration.builder().centra(centra).sage(client)
        .store(new InMemorySyncStateStore(Clock.systemUTC())).mappings(m).build();
    assertThat(new OrderImport(link, OrderImportOptions.builder().defaultWarehouse("1").build()).problems())
        .as("enough for an order import").isEmpty();
  }
}
