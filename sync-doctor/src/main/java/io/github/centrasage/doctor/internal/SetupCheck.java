package io.github.centrasage.doctor.internal;

import io.github.centrasage.doctor.DoctorCheck;
import io.github.centrasage.doctor.DoctorContext;
import io.github.centrasage.sage200.SageIdTokenProvider;
import io.github.centrasage.sync.despatch.DespatchToSage;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.store.SyncStateStore;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.sync.store.internal.Schema;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/** Event listeners, tokens, the store's schema and the clocks of both systems and the store. */
public final class SetupCheck implements DoctorCheck {
  /** More skew than this between two clocks makes cursors and due times drift visibly. */
  static final Duration MAX_SKEW = Duration.ofSeconds(60);

  @Override
  public String name() {
    return "setup";
  }

  @Override
  public void run(DoctorContext ctx) {
    checkEventListeners(ctx);
    checkTokens(ctx);
    ctx.store().ifPresent(store -> checkStore(ctx, store));
    checkClocks(ctx);
  }

  private record Need(String flow, String objectType, String changeType, String before, String backfill) {}

  private static void checkEventListeners(DoctorContext ctx) {
    List<Need> needs = new java.util.ArrayList<>();
    ctx.flow(OrderImport.class).filter(o -> o.options().discovery() == OrderImportOptions.Discovery.EVENTS)
        .ifPresent(o -> needs.add(new Need(OrderImport.NAME, "Order", null, "orders placed",
            "run OrderImport once with OrderImportOptions.discovery(POLLING) and pollStart(<when the shop went live>),"
                + " then switch back to EVENTS")));
    ctx.flow(DespatchToSage.class).ifPresent(d -> needs.add(new Need(DespatchToSage.NAME, "Shipment", "COMPLETED",
        "shipments completed", "replay them from the dashboard or enqueue them with DespatchToSage's job for each")));
    if (needs.isEmpty()) {
      return;
    }
    Object answer = ctx.centra().readQuery("query DoctorEventListeners { eventListeners { objectType changeTypes } }",
        "eventListeners");
    Map<String, Set<String>> listening = new HashMap<>();
    for (Object row : answer instanceof List<?> l ? l : List.of()) {
      if (row instanceof Map<?, ?> m) {
        Set<String> changes = new HashSet<>();
        if (m.get("changeTypes") instanceof List<?> c) {
          c.forEach(x -> changes.add(String.valueOf(x)));
        }
        listening.put(String.valueOf(m.get("objectType")), changes);
      }
    }
    for (Need need : needs) {
      ctx.checked();
      Set<String> changes = listening.get(need.objectType());
      boolean ok = changes != null && (need.changeType() == null || changes.isEmpty()
          || changes.contains(need.changeType()));
      Optional<String> subscribedAt = ctx.store()
          .flatMap(s -> s.cursor(need.flow() + ".events-subscribed-at")).map(c -> c.value());
      String type = need.objectType() + (need.changeType() == null ? "" : " " + need.changeType());
      if (ok) {
        ctx.info("setup.events.subscribed", need.flow() + ": Centra queues " + type + " events"
            + subscribedAt.map(at -> " (since " + at + ")").orElse(""));
      } else if (subscribedAt.isPresent()) {
        ctx.error("setup.events.unsubscribed", need.flow() + " subscribed to " + type + " events at "
                + subscribedAt.get() + ", and Centra no longer has that listener: nothing reaches the flow, and"
                + " unsetEventListeners deleted the events queued until then",
            "restart the engine (it subscribes again); for the " + need.before() + " in between, "
                + need.backfill());
      } else {
        ctx.warning("setup.events.not-subscribed", need.flow() + " reads Centra's " + type + " events and the"
                + " tenant has no such listener yet: the engine subscribes on its first start, and "
                + need.before() + " before that moment are never queued",
            "start the engine before the shop takes orders, or " + need.backfill());
      }
    }
  }

  private static void checkTokens(DoctorContext ctx) {
    // both clients have already answered by now (the contract and mappings checks read through them)
    ctx.checked();
    ctx.info("setup.centra-token.expiry-unknown", "Centra's API does not say when an integration token expires;"
        + " note the expiry shown where the token was created and renew it before then (a 401 parks nothing but"
        + " stops every flow)");
    ctx.checked();
    if (ctx.sageTokens().isEmpty()) {
      ctx.info("setup.sage-token.not-given", "no Sage token provider was given, so refresh-token rotation was not"
          + " checked");
    } else if (ctx.sageTokens().get() instanceof SageIdTokenProvider) {
      ctx.info("setup.sage-token.rotates", "Sage ID rotates the refresh token on every refresh and the provider"
          + " hands each new one to onRefreshTokenRotated: that callback must store it durably (the old one stops"
          + " working)");
    } else {
      ctx.warning("setup.sage-token.static", "the Sage client uses a fixed access token, which Sage ID expires"
              + " after a short time",
          "use SageIdTokenProvider with a refresh token and an onRefreshTokenRotated callback that persists it");
    }
  }

  private static void checkStore(DoctorContext ctx, SyncStateStore store) {
    ctx.checked();
    if (store instanceof InMemorySyncStateStore) {
      ctx.warning("setup.store.in-memory", "the state store is in memory: a restart forgets cursors, bindings and"
          + " parked jobs", "use JdbcSyncStateStore (PostgreSQL or H2 file) in production");
    } else if (store instanceof JdbcSyncStateStore jdbc) {
      int version = jdbc.schemaVersion();
      if (version < Schema.latestVersion()) {
        ctx.error("setup.store.schema-old", "the store's schema is at version " + version + ", this library needs "
            + Schema.latestVersion(), "start the engine once with this version (it migrates) or run the migration");
      } else {
        ctx.info("setup.store.schema", "the store's schema is at version " + version + " (the latest)");
      }
    }
    ctx.checked();
    Duration skew = Duration.between(ctx.clock().instant(), store.now()).abs();
    if (skew.compareTo(MAX_SKEW) > 0) {
      ctx.warning("setup.clock.skew", "the store's clock is " + skew.toSeconds() + " s away from the host's",
          "synchronise both with NTP: leases and retry times use the store's clock, cursors the host's");
    }
  }

  private static void checkClocks(DoctorContext ctx) {
    OkHttpClient http = new OkHttpClient.Builder().retryOnConnectionFailure(false)
        .callTimeout(Duration.ofSeconds(10)).build();
    clock(ctx, http, "Centra", ctx.centra().baseUrl() + (ctx.centra().baseUrl().endsWith("/") ? "" : "/") + "graphql");
    clock(ctx, http, "Sage", ctx.sage().baseUrl());
  }

  /** Compares the HTTP Date header of an unauthenticated GET (no token is sent) with the host's clock. */
  private static void clock(DoctorContext ctx, OkHttpClient http, String system, String url) {
    ctx.checked();
    Instant asked = ctx.clock().instant();
    try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      String date = response.header("Date");
      if (date == null) {
        ctx.info("setup.clock.unknown", system + " sent no Date header, so its clock was not compared");
        return;
      }
      Instant theirs = ZonedDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration skew = Duration.between(asked, theirs).abs();
      // the header has whole seconds: allow one for rounding and the request itself
      if (skew.compareTo(MAX_SKEW) > 0) {
        ctx.warning("setup.clock.skew", system + "'s clock is " + skew.toSeconds() + " s away from the host's",
            "synchronise the host with NTP: polling windows and cursor times compare the host's clock with "
                + system + "'s");
      }
    } catch (IOException | RuntimeException e) {
      ctx.info("setup.clock.unknown", system + "'s clock was not compared: " + e.getClass().getSimpleName());
    }
  }
}
