package io.github.centrasage.sage200;

import org.immutables.value.Value;

/**
 * The OAuth2 client credentials Sage issues for a Sage 200 integration. The secret is redacted
 * from {@code toString}.
 *
 * <p>Usage: {@code SageIdCredentials.of(System.getenv("SAGE_CLIENT_ID"), System.getenv("SAGE_CLIENT_SECRET"))}
 */
@Value.Immutable
public abstract class SageIdCredentials {

  @Value.Parameter
  public abstract String clientId();

  @Value.Parameter
  @Value.Redacted
  public abstract String clientSecret();

  public static SageIdCredentials of(String clientId, String clientSecret) {
    if (clientId == null || clientId.isBlank()) {
      throw new IllegalArgumentException("clientId must not be null or blank");
    }
    if (clientSecret == null || clientSecret.isBlank()) {
      throw new IllegalArgumentException("clientSecret must not be null or blank");
    }
    return ImmutableSageIdCredentials.of(clientId, clientSecret);
  }
}
