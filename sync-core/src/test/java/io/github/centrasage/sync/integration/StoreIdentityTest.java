package io.github.centrasage.sync.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Clock;
import org.junit.jupiter.api.Test;

class StoreIdentityTest {
  static CentraClient centra(String url) {
    return CentraClient.builder().baseUrl(url).token("centra-token").build();
  }

  static Sage200Client sage(long company) {
    return Sage200Client.builder().baseUrl(Sage200Client.STANDARD_ONLINE).siteId("site-1").companyId(company)
        .tokenProvider(TokenProvider.staticToken("sage-token")).build();
  }

  @Test
  void theFirstBuildRecordsThePairAndALaterBuildWithAnotherCompanyIsRefused() {
    InMemorySyncStateStore store = new InMemorySyncStateStore(Clock.systemUTC());
    Integration.builder().store(store).centra(centra("https://live.centra.com")).sage(sage(1)).build();

    assertThat(store.cursor(StoreIdentity.CURSOR)).get().extracting(c -> c.value())
        .isEqualTo("centra=https://live.centra.com\nsage.site=site-1\nsage.company=1");
    assertThatThrownBy(() -> Integration.builder().store(store).centra(centra("https://live.centra.com"))
        .sage(sage(2)).build())
        .isInstanceOf(StoreIdentityException.class)
        .hasMessage("This state store belongs to another system: the store belongs to Sage company 1, the clients"
            + " point at 2. Use the store made for this tenant and company, or a new one.");
    assertThatThrownBy(() -> Integration.builder().store(store).centra(centra("https://test.centra.com"))
        .sage(sage(1)).build())
        .isInstanceOf(StoreIdentityException.class).hasMessageContaining("Centra tenant https://live.centra.com");
  }

  @Test
  void aPartOnlyOneSideKnowsIsAddedNotRefused() {
    InMemorySyncStateStore store = new InMemorySyncStateStore(Clock.systemUTC());
    StoreIdentity.claim(store, StoreIdentity.of(centra("https://live.centra.com"), null));
    StoreIdentity.claim(store, StoreIdentity.of(centra("https://live.centra.com/"), sage(7)));

    StoreIdentity recorded = StoreIdentity.recorded(store).orElseThrow();
    assertThat(recorded.centraBaseUrl()).contains("https://live.centra.com");
    assertThat(recorded.sageCompanyId()).contains("7");
    assertThat(recorded.differences(StoreIdentity.of(null, sage(8)))).containsExactly(
        "the store belongs to Sage company 7, the clients point at 8");
  }
}
