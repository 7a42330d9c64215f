package io.github.centrasage.dashboard.internal;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Which {@code Host} headers the dashboard answers. On a loopback address only loopback host names
 * (and the configured extra ones, see {@code DashboardOptions.allowedHostNames}) are answered: a
 * web page on another site cannot then reach the dashboard by rebinding its own name to
 * 127.0.0.1. A request that arrived on another address is answered for any name (a proxy in front
 * decides those), but it must name one.
 */
public final class HostCheck {
  private final Set<String> allowed;

  public HostCheck(List<String> extraNames) {
    this.allowed = Stream.concat(Stream.of("localhost", "127.0.0.1", "[::1]", "::1"), extraNames.stream())
        .map(h -> h.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * @param hostHeader the request's {@code Host} header, or null
   * @param loopback whether the request arrived on a loopback address
   */
  public boolean allows(String hostHeader, boolean loopback) {
    if (hostHeader == null) {
      return false;
    }
    if (!loopback) {
      return true;
    }
    String h = hostHeader.strip().toLowerCase(Locale.ROOT);
    int colon = h.lastIndexOf(':');
    String name = colon > h.lastIndexOf(']') ? h.substring(0, colon) : h;
    return allowed.contains(name) || name.matches("127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}");
  }
}
