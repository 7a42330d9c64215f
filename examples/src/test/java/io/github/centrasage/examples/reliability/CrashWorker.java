package io.github.centrasage.examples.reliability;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.SageIdCredentials;
import io.github.centrasage.sage200.SageIdTokenProvider;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sync.SyncEngine;
import io.github.centrasage.sync.SyncListener;
import io.github.centrasage.sync.despatch.DespatchOptions;
import io.github.centrasage.sync.despatch.DespatchToCentra;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.stock.StockPublishOptions;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import io.github.centrasage.testing.SeedShopMappings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The engine of the crash test, run in its own JVM so the test can SIGKILL it: OrderImport,
 * StockPublish and DespatchToCentra on an H2 file store, against sandboxes the test started, cycling
 * until it is killed.
 *
 * <p>Arguments: {@code centraUrl centraToken sageUrl sageToken siteId companyId h2File
 * centraLeedsId sageLeedsId dhlCourierId pollStartEpochMillis instanceId}; {@code h2File} may instead be a
 * {@code jdbc:postgresql:} URL (user {@code postgres}), so that several workers share one store.
 * With a 13th argument {@code drain} it exits once no job is queued, running or retrying.
 * Every job that succeeds is printed as {@code SUCCEEDED <instance> <flow> <jobId>}.
 */
public final class CrashWorker {
  private CrashWorker() {}

  public static void main(String[] args) {
    String centraUrl = args[0];
    String centraToken = args[1];
    String sageUrl = args[2];
    String sageToken = args[3];
    String siteId = args[4];
    long companyId = Long.parseLong(args[5]);
    String storeSpec = args[6];
    String centraLeeds = args[7];
    String sageLeeds = args[8];
    long dhl = Long.parseLong(args[9]);
    Instant pollStart = Instant.ofEpochMilli(Long.parseLong(args[10]));
    String instance = args[11];

    CentraClient centra = CentraClient.builder().baseUrl(centraUrl).token(centraToken).allowPlainHttp(true)
        .retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(1)).build();
    Sage200Client sage = Sage200Client.builder().baseUrl(sageUrl).siteId(siteId).companyId(companyId)
        .tokenProvider(tokenProvider(sageToken)).allowPlainHttp(true).sleeper(d -> { })
        .retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(1)).build();
    Mappings mappings = mappings(sage, centraLeeds, sageLeeds);
    RetrySettings fast = SyncEngine.defaultRetrySettings().toBuilder().maxAttempts(10).initialDelay(Duration.ofMillis(5))
        .multiplier(1).maxDelay(Duration.ofMillis(5)).jitter(0).build();

    JdbcSyncStateStore store;
    if (storeSpec.startsWith("jdbc:postgresql:")) {
      PGSimpleDataSource postgres = new PGSimpleDataSource();
      postgres.setUrl(storeSpec);
      postgres.setUser("postgres");
      // one physical connection per store call made each life crawl (75 ms a call against 2 ms)
      store = JdbcSyncStateStore.builder(postgres).idleConnections(2).build();
    } else {
      store = JdbcSyncStateStore.embeddedH2(Path.of(storeSpec));
    }
    Integration link = Integration.builder().centra(centra).sage(sage).store(store).mappings(mappings).build();
    SyncEngine engine = SyncEngine.builder().store(link.store())
        .flow(new OrderImport(link, OrderImportOptions.builder().discovery(OrderImportOptions.Discovery.POLLING)
            .pollStart(pollStart).defaultWarehouse(centraLeeds).build()))
        .flow(new StockPublish(link, StockPublishOptions.builder().discoverInterval(Duration.ofMillis(100))
            // a killed push's hold blocks despatches of its SKUs until it expires: bounded by the 1 s client timeouts
            .holdTtl(Duration.ofSeconds(3))
            .busyDelay(Duration.ofMillis(50)).build()))
        .flow(new DespatchToCentra(link, DespatchOptions.builder().putSageCourierIds("DHL", dhl).startAfterDespatchId(0)
            .lockRetryPolicy(fast).build()))
        .retryPolicy(fast).lockRetryPolicy(fast)
        .defaultDiscoverInterval(Duration.ofMillis(50))
        .instanceId(instance)
        .listener(new SyncListener() {
          @Override
          public void jobSucceeded(Job job) {
            System.out.println("SUCCEEDED " + instance + " " + job.flow() + " " + job.id());
          }
        })
        // a killed worker's jobs stay RUNNING until their lease ends: short, so the next one takes them over
        .leaseDuration(Duration.ofSeconds(3))
        .build();
    System.out.println("WORKER READY");
    System.out.flush();
    List<String> flows = List.of(OrderImport.NAME, StockPublish.NAME, DespatchToCentra.NAME);
    boolean drain = args.length > 12 && args[12].equals("drain");
    while (true) {
      if (drain && flows.stream().allMatch(flow -> unfinished(store, flow) == 0)) {
        // every job succeeded or parked (leases of killed workers expired and were taken over)
        System.out.println("WORKER DRAINED");
        System.exit(0);
      }
      for (String flow : flows) {
        try {
          engine.runOnce(flow);
        } catch (RuntimeException e) {
          // the engine must survive a cycle's failure; the test counts these lines
          System.out.println("CYCLE FAILED " + flow + ": " + e);
        }
      }
    }
  }

  /**
   * With {@code -Dsageid.url=…}: Sage ID with refresh-token rotation, the newest refresh token saved
   * to {@code -Dsageid.refreshFile} before it is used (a restart must not present a spent one).
   */
  private static TokenProvider tokenProvider(String staticToken) {
    String url = System.getProperty("sageid.url");
    if (url == null) {
      return TokenProvider.staticToken(staticToken);
    }
    Path file = Path.of(System.getProperty("sageid.refreshFile"));
    try {
      String refresh = Files.exists(file) ? Files.readString(file).trim() : System.getenv("SAGE_REFRESH_TOKEN");
      return SageIdTokenProvider.builder().tokenUrl(url).allowPlainHttp(true)
          .credentials(SageIdCredentials.of(System.getProperty("sageid.clientId"), System.getenv("SAGE_CLIENT_SECRET")))
          .refreshToken(refresh).refreshMargin(Duration.ofMillis(500))
          .onRefreshTokenRotated(rotated -> {
            try {
              Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
              Files.writeString(tmp, rotated);
              Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
              throw new UncheckedIOException("could not save the rotated refresh token", e);
            }
          })
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long unfinished(JdbcSyncStateStore store, String flow) {
    Map<JobState, Long> counts = store.count(flow);
    return counts.getOrDefault(JobState.QUEUED, 0L) + counts.getOrDefault(JobState.RUNNING, 0L)
        + counts.getOrDefault(JobState.RETRYING, 0L);
  }

  static Mappings mappings(Sage200Client sage, String centraLeeds, String sageLeeds) {
    return SeedShopMappings.builder(sage).putWarehouse(centraLeeds, sageLeeds).build();
  }
}
