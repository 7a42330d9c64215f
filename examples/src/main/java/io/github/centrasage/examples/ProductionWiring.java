package io.github.centrasage.examples;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.SageIdCredentials;
import io.github.centrasage.sage200.SageIdTokenProvider;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.sync.store.SyncStateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The pieces every wiring example shares: both clients from environment variables, mappings from a
 * file, and a store. Copy what you need; nothing here is run by the build.
 */
final class ProductionWiring {
  private ProductionWiring() {}

  /** A Centra client whose token is read before every attempt, so a rotated token needs no restart. */
  static CentraClient centra() {
    return CentraClient.builder()
        .baseUrl(System.getenv("CENTRA_URL"))
        .tokenSupplier(() -> System.getenv("CENTRA_TOKEN"))   // or your vault
        .readTimeout(Duration.ofSeconds(30))
        .build();
  }

  /**
   * A Sage 200 client on Sage ID. Sage ID rotates the refresh token on every refresh: the callback
   * persists each new one, or the next start would need a person to sign in again.
   */
  static Sage200Client sage(Path refreshTokenFile) throws IOException {
    SageIdTokenProvider tokens = SageIdTokenProvider.builder()
        .credentials(SageIdCredentials.of(System.getenv("SAGE_CLIENT_ID"), System.getenv("SAGE_CLIENT_SECRET")))
        .refreshToken(Files.readString(refreshTokenFile).strip())
        .onRefreshTokenRotated(token -> write(refreshTokenFile, token))
        .build();
    return Sage200Client.builder()
        .baseUrl(Sage200Client.PROFESSIONAL)                   // or STANDARD_ONLINE
        .siteId(System.getenv("SAGE_SITE_ID"))
        .companyId(Long.parseLong(System.getenv("SAGE_COMPANY_ID")))
        .tokenProvider(tokens)
        .build();
  }

  /** Mappings kept next to the application (see {@code mappings-example.properties}); all problems are reported together. */
  static Mappings mappings(Path file) throws IOException {
    return Mappings.fromProperties(file);
  }

  /**
   * Both clients, the store and the mappings joined: every flow takes it in its constructor and the
   * engine gets its store ({@code SyncEngine.builder().store(link.store())}). Building it lists every
   * mapping problem at once and claims the store for this tenant and company.
   */
  static Integration integration(SyncStateStore store, Mappings mappings, CentraClient centra, Sage200Client sage) {
    return Integration.builder().centra(centra).sage(sage).store(store).mappings(mappings).build();
  }

  /** One process, no database server: an H2 file next to the application. */
  static JdbcSyncStateStore embeddedStore() {
    return JdbcSyncStateStore.embeddedH2(Path.of("data", "centra-sage200"));
  }

  private static void write(Path file, String token) {
    try {
      Files.writeString(file, token, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      // losing a rotated refresh token locks the integration out: fail loudly
      throw new java.io.UncheckedIOException("could not persist the rotated Sage ID refresh token", e);
    }
  }
}
