package io.github.centrasage.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.finance.RefundImport;
import io.github.centrasage.sync.finance.RefundImportOptions;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.testing.SeedShopMappings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A Sage site older than an endpoint a flow needs is found before the flow runs. */
class DoctorSageVersionTest {
  @Test
  void aSiteWithoutSopReturnsIsAnErrorWhenRefundsAreImported() {
    SandboxClock clock = SandboxClock.ticking();
    try (CentraSandbox centra = CentraSandbox.start(CentraSandbox.options().clock(clock)
            .catalog(SandboxCatalog.fashionShop()));
        Sage200Sandbox sage = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock)
            .catalog(SandboxCatalog.fashionShop()).sopReturns(false))) {
      Sage200Client sageClient = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId())
          .companyId(sage.companyId()).tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true)
          .readTimeout(Duration.ofSeconds(20)).build();
      CentraClient centraClient = CentraClient.builder().baseUrl(centra.baseUrl()).token(centra.token())
          .allowPlainHttp(true).build();

      Integration integration = Integration.builder().centra(centraClient).sage(sageClient)
          .store(new InMemorySyncStateStore(clock)).mappings(SeedShopMappings.builder(sageClient).build()).build();

      DoctorReport report = Doctor.builder().integration(integration)
          .flows(new RefundImport(integration, RefundImportOptions.builder().goodsNominal("4010").build()))
          .build().run();

      assertThat(report.findings("contract.sage.endpoint-missing")).singleElement().satisfies(f -> {
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.found()).isEqualTo("this Sage site has no sop_returns endpoint (HTTP 404)");
      });
    }
  }
}
