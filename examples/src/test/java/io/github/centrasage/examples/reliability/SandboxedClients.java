package io.github.centrasage.examples.reliability;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/**
 * Both sandboxes on one ticking clock, the real clients against them without client-side retries
 * (the engine's policy decides), and an in-memory store: what the hostile-input tests drive an
 * engine with.
 */
abstract class SandboxedClients {
  final SandboxClock clock = SandboxClock.ticking();
  final CentraSandbox centraSandbox = CentraSandbox.start(CentraSandbox.options().clock(clock));
  final Sage200Sandbox sageSandbox = Sage200Sandbox.start(Sage200Sandbox.options().clock(clock));
  final CentraClient centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).token(centraSandbox.token())
      .allowPlainHttp(true).retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(2)).build();
  final Sage200Client sage = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
      .companyId(sageSandbox.companyId()).tokenProvider(TokenProvider.staticToken(sageSandbox.token()))
      .allowPlainHttp(true).sleeper(d -> { }).retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(2))
      .build();
  final InMemorySyncStateStore store = new InMemorySyncStateStore(Clock.systemUTC());
  final String centraLeeds = Long.toString(centraSandbox.ids("warehouse").get("Leeds DC"));
  final String sageLeeds = Long.toString(sageSandbox.ids("warehouse").get("Leeds DC"));

  /** The clients and the store joined with {@code mappings}, for the flows' constructors. */
  Integration integration(Mappings mappings) {
    return Integration.builder().centra(centra).sage(sage).store(store).mappings(mappings).build();
  }

  /** A retry policy whose delays are a millisecond: retries are due at once, no waiting in tests. */
  static RetrySettings fastRetries(int maxAttempts) {
    return SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(maxAttempts).initialDelay(Duration.ofMillis(1)).multiplier(1)
        .maxDelay(Duration.ofMillis(1)).jitter(0).build();
  }

  @AfterEach
  void stopSandboxes() {
    centraSandbox.close();
    sageSandbox.close();
  }
}
