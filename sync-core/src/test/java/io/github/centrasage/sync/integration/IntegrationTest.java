package io.github.centrasage.sync.integration;

import static io.github.centrasage.sync.integration.StoreIdentityTest.centra;
import static io.github.centrasage.sync.integration.StoreIdentityTest.sage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sync.SyncConfigurationException;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.despatch.DespatchToSage;
import io.github.centrasage.sync.finance.SettlementPosting;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.math.BigDecimal;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** Wiring mistakes a newcomer makes with the flows' {@link Integration} fail at once, naming the fix. */
class IntegrationTest {
  private final InMemorySyncStateStore store = new InMemorySyncStateStore(Clock.systemUTC());

  @Test
  void aFlowWithoutAClientItNeedsFailsWhenConstructedNamingTheBuilderCall() {
    Integration sageOnly = Integration.builder().store(store).sage(sage(1)).build();
    Integration centraOnly = Integration.builder().store(new InMemorySyncStateStore(Clock.systemUTC()))
        .centra(centra("https://live.centra.com")).build();

    assertThatThrownBy(() -> new OrderImport(sageOnly)).isInstanceOf(IllegalStateException.class)
        .hasMessage("This Integration has no Centra client: add it with Integration.builder().centra(client)");
    assertThatThrownBy(() -> new StockPublish(centraOnly)).isInstanceOf(IllegalStateException.class)
        .hasMessage("This Integration has no Sage 200 client: add it with Integration.builder().sage(client)");
    assertThatThrownBy(() -> new DespatchToSage(centraOnly)).hasMessageContaining("no Sage 200 client");
    assertThat(new SettlementPosting(sageOnly).name()).as("posting payouts needs Sage only")
        .isEqualTo(SettlementPosting.NAME);
  }

  @Test
  void buildingWithoutAStoreOrAClientNamesBoth() {
    assertThatThrownBy(() -> Integration.builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("Integration needs a store: Integration.builder().store(...) and a client:"
            + " Integration.builder().centra(...) and/or .sage(...)");
  }

  @Test
  void invalidMappingsAreRefusedWithEveryProblemBeforeAnythingIsWritten() {
    Mappings bad = Mappings.builder().putCurrency("gbp", "1").roundingTolerance(new BigDecimal("0.05")).build();

    assertThatThrownBy(() -> Integration.builder().store(store).sage(sage(1)).mappings(bad).build())
        .isInstanceOfSatisfying(MappingsInvalidException.class, e -> assertThat(e.problems()).containsExactly(
            "currency 'gbp' is not an ISO 4217 code (three capital letters)",
            "rounding tolerance 0.05 needs a rounding nominal code"))
        .isInstanceOf(SyncConfigurationException.class);
    assertThat(StoreIdentity.recorded(store)).as("a refused integration claims nothing").isEmpty();
  }

  @Test
  void aFlowsMappingProblemsStopTheEngineBuildWithTheFlowsName() {
    Integration link = Integration.builder().store(store).centra(centra("https://live.centra.com")).sage(sage(1))
        .build();

    assertThatThrownBy(() -> SyncEngine.builder().store(link.store()).flow(new OrderImport(link)).build())
        .isInstanceOfSatisfying(SyncConfigurationException.class, e -> assertThat(e.problems())
            .isNotEmpty().allSatisfy(p -> assertThat(p).startsWith("OrderImport: ")));
  }

  @Test
  void toStringNamesNoSecret() {
    Integration link = Integration.builder().store(store).centra(centra("https://live.centra.com")).sage(sage(1))
        .build();

    assertThat(link.toString()).isEqualTo("Integration{centra=yes, sage=company 1}")
        .doesNotContain("centra-token", "sage-token");
  }
}
