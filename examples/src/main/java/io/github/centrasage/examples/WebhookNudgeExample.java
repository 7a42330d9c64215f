package io.github.centrasage.examples;

import com.sun.net.httpserver.HttpServer;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CentraWebhookEvent;
import io.github.centrasage.centra.CentraWebhookException;
import io.github.centrasage.centra.CentraWebhookVerifier;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * A webhook endpoint on the JDK's HTTP server: Centra calls it when an order changes, the
 * signature is verified, and {@link OrderImport#nudge} enqueues the order so it imports within
 * seconds instead of at the next poll. The poll (or event queue) stays on as the safety net for
 * webhooks that never arrive. Not run by the build.
 */
public final class WebhookNudgeExample {
  private WebhookNudgeExample() {}

  public static void main(String[] args) throws Exception {
    CentraClient centra = ProductionWiring.centra();
    JdbcSyncStateStore store = ProductionWiring.embeddedStore();
    Integration link = ProductionWiring.integration(store, ProductionWiring.mappings(Path.of("mappings.properties")),
        centra, ProductionWiring.sage(Path.of("sage-refresh-token")));
    OrderImport orders = new OrderImport(link, OrderImportOptions.builder()
        .discovery(OrderImportOptions.Discovery.POLLING)      // the safety net behind the webhook
        .defaultWarehouse(System.getenv("CENTRA_WAREHOUSE_ID")).build());
    SyncEngine engine = SyncEngine.builder().store(link.store()).flow(orders).build();
    CentraWebhookVerifier verifier = CentraWebhookVerifier.builder()
        .secret(System.getenv("CENTRA_WEBHOOK_SECRET")).build();

    HttpServer server = HttpServer.create(new InetSocketAddress(8080), 0);
    server.createContext("/centra/webhook", exchange -> {
      int status;
      try (InputStream body = exchange.getRequestBody()) {
        // verify the raw bytes: re-encoding the body first would break the signature
        List<CentraWebhookEvent> events = verifier.verify(
            exchange.getRequestHeaders().getFirst("X-Centra-Signature"), body.readAllBytes());
        events.forEach(orders::nudge);                              // enqueues; the engine imports
        status = 204;
      } catch (CentraWebhookException rejected) {
        status = 401;                                               // reason() says why; never log the secret
      } catch (RuntimeException storeOrCentraDown) {
        status = 503;                                               // Centra retries the webhook later
      }
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    server.start();
    engine.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop(1);
      engine.close();
      store.close();
    }));
  }
}
