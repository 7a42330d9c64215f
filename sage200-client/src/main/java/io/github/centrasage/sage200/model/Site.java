package io.github.centrasage.sage200.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Sage 200 site and company the token can reach, from {@code GET /sites}; its ids go into {@code X-Site} and {@code X-Company}.
 *
 * <p>Usage: {@code Site.builder()…build()}
 */
@Value.Immutable
public interface Site {
  /** JSON {@code company_id}. */
  long companyId();

  /** JSON {@code company_name}. */
  Optional<String> companyName();

  /** JSON {@code site_id}. */
  String siteId();

  /** JSON {@code site_name}. */
  Optional<String> siteName();

  /** JSON {@code site_short_name}. */
  Optional<String> siteShortName();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Site}; get one from {@link Site#builder()}. */
  final class Builder extends ImmutableSite.Builder {
    Builder() {}
  }
}
