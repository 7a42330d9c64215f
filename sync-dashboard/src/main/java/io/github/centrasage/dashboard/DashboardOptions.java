package io.github.centrasage.dashboard;

import io.github.centrasage.dashboard.internal.DashboardStyle;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * Where and how {@link SyncDashboard} serves: address, the token that authorises replay and
 * discard, the page title, how often the page refreshes itself, the time zone it shows times in,
 * the engine's clock and what feeds the charts. The defaults are safe: loopback only, a random
 * port, a random token.
 *
 * <p>Usage: {@code DashboardOptions.builder().port(8099).zone(ZoneId.of("Europe/London")).build()}.
 */
@Value.Immutable
@DashboardStyle
public abstract class DashboardOptions {
  /** The smallest token accepted; shorter ones are too easy to guess. */
  public static final int MIN_TOKEN_LENGTH = 16;

  /**
   * The address to bind (default {@code 127.0.0.1}: only this machine can reach the page). Bind
   * another address only behind a proxy that authenticates people: reading needs no token.
   * {@link SyncDashboard} only; a {@link DashboardServlet} is where its container serves it.
   */
  @Value.Default
  public String host() {
    return "127.0.0.1";
  }

  /** The port; 0 (the default) picks a free one, see {@link SyncDashboard#url()}. {@link SyncDashboard} only. */
  @Value.Default
  public int port() {
    return 0;
  }

  /**
   * The token replay and discard need, at least {@value #MIN_TOKEN_LENGTH} characters; when absent
   * a random one is generated, readable only through {@link SyncDashboard#token()}.
   */
  @Value.Redacted
  public abstract Optional<String> token();

  /** The page title (default "Centra ↔ Sage 200 sync"). */
  @Value.Default
  public String title() {
    return "Centra \u2194 Sage 200 sync";
  }

  /** How often the page reloads itself while nobody is typing in it; zero turns it off (default 30 s). */
  @Value.Default
  public Duration refreshInterval() {
    return Duration.ofSeconds(30);
  }

  /** The zone absolute times are shown in (default UTC). */
  @Value.Default
  public ZoneId zone() {
    return ZoneOffset.UTC;
  }

  /** How many parked jobs the page lists per flow (default 50); the JSON API pages through all of them. */
  @Value.Default
  public int parkedJobsShown() {
    return 50;
  }

  /**
   * The clock the engine was built with ({@code SyncEngine.Builder.clock}). A flow's last run and how
   * far behind it is are times on that clock, and so are the charts; jobs and their attempts carry
   * the store's time. Default: the recorder's clock when a {@link #recorder()} is given, else the
   * store's time (right whenever the engine runs on the system clock).
   */
  public abstract Optional<Clock> clock();

  /**
   * What records retries by cause for the chart: the same {@link DashboardRecorder} given to the
   * engine as a listener. Without one, the retries chart says how to turn it on; the other charts
   * need nothing.
   */
  public abstract Optional<DashboardRecorder> recorder();

  /**
   * How often the dashboard samples the engine's status for the charts (orders imported, stock lag),
   * in wall-clock time (default 30 s); each sample is a few store queries. The page also samples
   * whenever it is loaded.
   */
  @Value.Default
  public Duration chartSampleInterval() {
    return Duration.ofSeconds(30);
  }

  /**
   * Extra host names the {@code Host} header may carry when the dashboard is bound to a loopback
   * address (behind a local proxy). Loopback names are always allowed; any other name is refused
   * there, which stops DNS-rebinding pages from reading the API.
   */
  public abstract List<String> allowedHostNames();

  /**
   * The last go-live doctor report as text ({@code DoctorReport::toText} of the sync-doctor module),
   * shown at {@code /doctor}; empty leaves the page out. Called on every visit, so it can return
   * whatever the host last stored.
   */
  public abstract Optional<java.util.function.Supplier<String>> doctorReport();

  @Value.Check
  protected void check() {
    if (host().isBlank()) {
      throw new IllegalArgumentException("DashboardOptions.host must not be blank");
    }
    if (port() < 0 || port() > 65535) {
      throw new IllegalArgumentException("DashboardOptions.port must be 0..65535, was " + port());
    }
    if (token().isPresent() && token().get().strip().length() < MIN_TOKEN_LENGTH) {
      // the value itself stays out of the message
      throw new IllegalArgumentException("DashboardOptions.token must have at least " + MIN_TOKEN_LENGTH
          + " non-blank characters");
    }
    if (title().isBlank()) {
      throw new IllegalArgumentException("DashboardOptions.title must not be blank");
    }
    if (refreshInterval().isNegative()) {
      throw new IllegalArgumentException("DashboardOptions.refreshInterval must not be negative: " + refreshInterval());
    }
    if (chartSampleInterval().compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException("DashboardOptions.chartSampleInterval must be at least 100 ms, was "
          + chartSampleInterval());
    }
    if (parkedJobsShown() < 1) {
      throw new IllegalArgumentException("DashboardOptions.parkedJobsShown must be at least 1, was " + parkedJobsShown());
    }
  }

  /** The defaults. */
  public static DashboardOptions defaults() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link DashboardOptions}. */
  public static final class Builder extends ImmutableDashboardOptions.Builder {
    Builder() {}
  }
}
