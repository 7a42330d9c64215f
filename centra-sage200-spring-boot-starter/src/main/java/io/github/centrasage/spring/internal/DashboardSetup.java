package io.github.centrasage.spring.internal;

import io.github.centrasage.dashboard.DashboardOptions;
import io.github.centrasage.dashboard.DashboardRecorder;
import io.github.centrasage.spring.CentraSage200Properties;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The dashboard's settings from {@code centra-sage200.dashboard.*}: checked with the rest of the
 * configuration, then turned into {@link DashboardOptions}. Loaded only when the dashboard is served.
 */
public final class DashboardSetup {
  private DashboardSetup() {}

  /** Every problem of the dashboard's settings; empty when they are fine. */
  public static List<String> problems(CentraSage200Properties.Dashboard d) {
    List<String> problems = new ArrayList<>();
    String path = d.getPath();
    if (path == null || !path.matches("(/[A-Za-z0-9._~-]+)+")) {
      problems.add("centra-sage200.dashboard.path must be a path such as /centra-sage200 (a leading /, no trailing"
          + " /, no * or spaces), was '" + path + "'");
    }
    if (d.getReading() == CentraSage200Properties.Dashboard.Reading.APPLICATION_SECURITY
        && (d.getReaderRole() == null || d.getReaderRole().isBlank())) {
      problems.add("centra-sage200.dashboard.reader-role must name the role a signed-in user needs to read the"
          + " dashboard when reading is application-security (otherwise every user of the application could read"
          + " orders and customers' details)");
    }
    String token = d.getToken() == null ? "" : d.getToken().strip();
    if (token.isEmpty()) {
      problems.add("centra-sage200.dashboard.token is not set (at least " + DashboardOptions.MIN_TOKEN_LENGTH
          + " characters), or set centra-sage200.dashboard.enabled=false");
      return problems;
    }
    if (token.length() < DashboardOptions.MIN_TOKEN_LENGTH) {
      // the value itself stays out of the message
      problems.add("centra-sage200.dashboard.token must have at least " + DashboardOptions.MIN_TOKEN_LENGTH
          + " characters");
      return problems;
    }
    try {
      options(d, Optional.empty());
    } catch (RuntimeException e) {
      problems.add("centra-sage200.dashboard: " + e.getMessage());
    }
    return problems;
  }

  public static DashboardOptions options(CentraSage200Properties.Dashboard d, Optional<DashboardRecorder> recorder) {
    var b = DashboardOptions.builder().token(d.getToken() == null ? "" : d.getToken())
        .allowedHostNames(d.getAllowedHostNames());
    Optional.ofNullable(d.getZone()).ifPresent(b::zone);
    Optional.ofNullable(d.getTitle()).ifPresent(b::title);
    recorder.ifPresent(b::recorder);
    return b.build();
  }
}
