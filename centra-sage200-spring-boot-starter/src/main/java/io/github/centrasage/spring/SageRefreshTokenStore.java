package io.github.centrasage.spring;

import java.util.Optional;

/**
 * Keeps the newest Sage ID refresh token. Sage ID rotates the refresh token on every refresh and
 * the old one stops working, so a token that is not persisted means a person must sign in again
 * after the next restart. The starter uses a file ({@code centra-sage200.sage.refresh-token-file});
 * declare a bean of this type to keep it in a vault or a database instead.
 */
public interface SageRefreshTokenStore {
  /** The newest refresh token, if one was saved. */
  Optional<String> load();

  /**
   * Saves {@code refreshToken}, replacing the previous one. Must not return before it is durable;
   * throw if it cannot be saved.
   */
  void save(String refreshToken);
}
