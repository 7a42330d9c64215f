package io.github.centrasage.sync.testing;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Clock;

/** An Integration whose clients are never called: for checks of a flow's settings (its problems()). */
public final class OfflineIntegration {
  private OfflineIntegration() {}

  public static Integration with(Mappings mappings) {
    return Integration.builder().store(new InMemorySyncStateStore(Clock.systemUTC()))
        .centra(CentraClient.builder().baseUrl("https://offline.centra.example").token("t").build())
        .sage(Sage200Client.builder().baseUrl(Sage200Client.STANDARD_ONLINE).siteId("s").companyId(1)
            .tokenProvider(TokenProvider.staticToken("t")).build())
        .mappings(mappings).build();
  }
}
