package io.github.centrasage.examples;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.SageIdCredentials;
import io.github.centrasage.sage200.SageIdTokenProvider;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Only order import, against a real Centra tenant and Sage 200 site: Centra orders become Sage
 * sales orders, exactly once, and nothing else is synchronised. Self-contained, to copy whole; reads
 * credentials from environment variables and is not run by the build. docs/getting-started.md shows
 * it.
 */
public final class OrderImportOnlyExample {
  private OrderImportOnlyExample() {}

  public static void main(String[] args) throws IOException {
    // region wiring
    CentraClient centra = CentraClient.builder()
        .baseUrl(System.getenv("CENTRA_URL"))                 // the tenant root, without /graphql
        .tokenSupplier(() -> System.getenv("CENTRA_TOKEN"))   // read before every attempt: rotate freely
        .build();

    Path refreshTokenFile = Path.of("sage-refresh-token");
    Sage200Client sage = Sage200Client.builder()
        .baseUrl(Sage200Client.PROFESSIONAL)                   // or STANDARD_ONLINE
        .siteId(System.getenv("SAGE_SITE_ID"))
        .companyId(Long.parseLong(System.getenv("SAGE_COMPANY_ID")))
        .tokenProvider(SageIdTokenProvider.builder()
            .credentials(SageIdCredentials.of(System.getenv("SAGE_CLIENT_ID"), System.getenv("SAGE_CLIENT_SECRET")))
            .refreshToken(Files.readString(refreshTokenFile).strip())
            // Sage ID rotates the refresh token on every refresh: lose it and a person must sign in again
            .onRefreshTokenRotated(token -> write(refreshTokenFile, token))
            .build())
        .build();

    JdbcSyncStateStore store = JdbcSyncStateStore.embeddedH2(Path.of("data", "centra-sage200"));
    Integration link = Integration.builder()                  // the two clients and the store joined
        .centra(centra)
        .sage(sage)
        .store(store)
        .mappings(Mappings.fromProperties(Path.of("mappings.properties")))  // every problem listed at once
        .build();
    SyncEngine engine = SyncEngine.builder()
        .store(link.store())
        .flow(new OrderImport(link, OrderImportOptions.builder()
            .discovery(OrderImportOptions.Discovery.POLLING)  // or EVENTS: only orders after the subscription
            .pollStart(Instant.parse("2026-01-01T00:00:00Z")) // the first poll reads from here
            .defaultWarehouse("1")                             // a Centra warehouse id with a warehouse.1 mapping
            .build()))
        .defaultDiscoverInterval(Duration.ofSeconds(30))
        .build();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      engine.close();   // finishes running jobs within the drain timeout
      store.close();
    }));
    engine.start();     // unmappable orders park with every reason; fix the mapping, then engine.replayParked(...)
    // endregion
  }

  private static void write(Path file, String token) {
    try {
      Files.writeString(file, token);
    } catch (IOException e) {
      throw new UncheckedIOException("could not persist the rotated Sage ID refresh token", e);
    }
  }
}
