package io.github.centrasage.doctor;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.SageIdCredentials;
import io.github.centrasage.sage200.SageIdTokenProvider;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.integration.MappingsInvalidException;
import io.github.centrasage.sync.despatch.DespatchToSage;
import io.github.centrasage.sync.order.OrderImport;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.spi.SyncFlow;
import io.github.centrasage.sync.stock.StockPublish;
import io.github.centrasage.sync.store.InMemorySyncStateStore;
import io.github.centrasage.sync.store.JdbcSyncStateStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The doctor on the command line: reads the mappings file named on the command line and the
 * credentials from the environment, runs every check, prints the report (text, or JSON with
 * {@code --json}) and the summary line, and exits 0 when there is no error, 1 when there is one and
 * 2 when it could not run. Usage in docs/doctor.md:
 *
 * <pre>{@code
 * CENTRA_BASE_URL=https://brand.centra.com CENTRA_TOKEN=… SAGE_SITE_ID=… SAGE_COMPANY_ID=… \
 * SAGE_CLIENT_ID=… SAGE_CLIENT_SECRET=… SAGE_REFRESH_TOKEN_FILE=sage-refresh-token \
 * java -cp … io.github.centrasage.doctor.DoctorMain mappings.properties --discovery=EVENTS --store=sync-store/sync
 * }</pre>
 */
public final class DoctorMain {
  private DoctorMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.getenv(), System.out, System.err));
  }

  /** Runs the command line with {@code env} as the environment; returns the exit code. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> positional = new ArrayList<>();
    boolean json = false;
    boolean allowHttp = false;
    String discovery = "EVENTS";
    String storeFile = null;
    List<String> flowNames = List.of(OrderImport.NAME, StockPublish.NAME);
    for (String a : args) {
      if (a.equals("--json")) {
        json = true;
      } else if (a.equals("--allow-http")) {
        allowHttp = true;
      } else if (a.startsWith("--discovery=")) {
        discovery = a.substring("--discovery=".length()).toUpperCase(Locale.ROOT);
      } else if (a.startsWith("--store=")) {
        storeFile = a.substring("--store=".length());
      } else if (a.startsWith("--flows=")) {
        flowNames = List.of(a.substring("--flows=".length()).split(","));
      } else if (a.startsWith("--")) {
        err.println("doctor: unknown option " + a);
        return usage(err);
      } else {
        positional.add(a);
      }
    }
    if (positional.size() != 1) {
      return usage(err);
    }
    List<String> missing = new ArrayList<>();
    for (String name : List.of("CENTRA_BASE_URL", "CENTRA_TOKEN", "SAGE_SITE_ID", "SAGE_COMPANY_ID")) {
      if (blank(env.get(name))) {
        missing.add(name);
      }
    }
    boolean staticSage = !blank(env.get("SAGE_ACCESS_TOKEN"));
    if (!staticSage) {
      for (String name : List.of("SAGE_CLIENT_ID", "SAGE_CLIENT_SECRET", "SAGE_REFRESH_TOKEN_FILE")) {
        if (blank(env.get(name))) {
          missing.add(name + " (or SAGE_ACCESS_TOKEN)");
        }
      }
    }
    if (!missing.isEmpty()) {
      err.println("doctor: set " + String.join(", ", missing));
      return usage(err);
    }
    JdbcSyncStateStore store = null;
    try {
      Mappings mappings = Mappings.fromProperties(Path.of(positional.get(0)));
      CentraClient.Builder centra = CentraClient.builder().baseUrl(env.get("CENTRA_BASE_URL")).token(env.get("CENTRA_TOKEN"))
          .allowPlainHttp(allowHttp);
      TokenProvider tokens = staticSage ? TokenProvider.staticToken(env.get("SAGE_ACCESS_TOKEN"))
          : sageId(env, allowHttp);
      Sage200Client sage = Sage200Client.builder()
          .baseUrl(env.getOrDefault("SAGE_BASE_URL", Sage200Client.STANDARD_ONLINE))
          .siteId(env.get("SAGE_SITE_ID")).companyId(Long.parseLong(env.get("SAGE_COMPANY_ID").trim()))
          .tokenProvider(tokens).allowPlainHttp(allowHttp).build();
      CentraClient centraClient = centra.build();
      // the flows are built only for their options; over a throwaway store, because building an
      // Integration claims its store, and the doctor writes nothing to the host's
      Integration forOptions = Integration.builder().centra(centraClient).sage(sage)
          .store(new InMemorySyncStateStore(Clock.systemUTC())).mappings(mappings).build();
      Doctor.Builder doctor = Doctor.builder().centra(centraClient).sage(sage).mappings(mappings)
          .sageTokens(tokens).flows(flows(forOptions, flowNames, OrderImportOptions.Discovery.valueOf(discovery)))
          .progress(err::println);
      if (storeFile != null) {
        store = JdbcSyncStateStore.embeddedH2(Path.of(storeFile));
        doctor.store(store);
      }
      DoctorReport report = doctor.build().run();
      out.print(json ? report.toJson() + "\n" : report.toText());
      if (json) {
        out.println(report.summaryLine());
      }
      return report.hasErrors() ? 1 : 0;
    } catch (MappingsInvalidException e) {
      err.println("doctor: the mappings file is not valid: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      err.println("doctor: cannot read " + positional.get(0) + ": " + e.getMessage());
      return 2;
    } catch (IllegalArgumentException | IllegalStateException e) {
      err.println("doctor: " + e.getMessage());
      return 2;
    } finally {
      if (store != null) {
        store.close();
      }
    }
  }

  private static List<SyncFlow> flows(Integration integration, List<String> names,
      OrderImportOptions.Discovery discovery) {
    List<SyncFlow> flows = new ArrayList<>();
    for (String name : names) {
      switch (name.trim()) {
        case OrderImport.NAME:
          flows.add(new OrderImport(integration, OrderImportOptions.builder().discovery(discovery).build()));
          break;
        case StockPublish.NAME:
          flows.add(new StockPublish(integration));
          break;
        case DespatchToSage.NAME:
          flows.add(new DespatchToSage(integration));
          break;
        default:
          throw new IllegalArgumentException("--flows knows OrderImport, StockPublish and DespatchToSage, not " + name
              + " (flows with options of their own are checked by calling Doctor from code)");
      }
    }
    return flows;
  }

  /** Sage ID with the refresh token kept in a file: the doctor's own refresh rotates it, so it is written back. */
  private static TokenProvider sageId(Map<String, String> env, boolean allowHttp) throws IOException {
    Path file = Path.of(env.get("SAGE_REFRESH_TOKEN_FILE"));
    String refresh = Files.readString(file, StandardCharsets.UTF_8).strip();
    return SageIdTokenProvider.builder()
        .credentials(SageIdCredentials.of(env.get("SAGE_CLIENT_ID"), env.get("SAGE_CLIENT_SECRET")))
        .refreshToken(refresh).allowPlainHttp(allowHttp)
        .onRefreshTokenRotated(rotated -> {
          try {
            Files.writeString(file, rotated, StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot persist the rotated Sage refresh token to " + file, e);
          }
        }).build();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static int usage(PrintStream err) {
    err.println("usage: DoctorMain <mappings.properties> [--json] [--discovery=EVENTS|POLLING|WEBHOOK_ONLY]"
        + " [--flows=OrderImport,StockPublish,DespatchToSage] [--store=<H2 store file>] [--allow-http]");
    err.println("environment: CENTRA_BASE_URL CENTRA_TOKEN SAGE_SITE_ID SAGE_COMPANY_ID [SAGE_BASE_URL] and either"
        + " SAGE_ACCESS_TOKEN or SAGE_CLIENT_ID SAGE_CLIENT_SECRET SAGE_REFRESH_TOKEN_FILE");
    return 2;
  }
}
