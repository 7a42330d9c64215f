package io.github.centrasage.sage200;

/**
 * Supplies the bearer token for Sage 200 calls. Implementations must be thread-safe: one provider
 * serves every thread that shares a {@link Sage200Client}.
 *
 * <p>Usage: {@code TokenProvider.staticToken(System.getenv("SAGE_TOKEN"))} for tests and the
 * sandbox, {@link SageIdTokenProvider} for production.
 */
public interface TokenProvider {

  /** A currently valid access token (without the {@code Bearer } prefix). */
  String accessToken();

  /**
   * Called when Sage rejected {@code rejectedToken} with 401. A refreshing provider forgets it so the
   * next {@link #accessToken()} fetches a new one; the default does nothing.
   *
   * @return whether a retry with a fresh token can help
   */
  default boolean invalidate(String rejectedToken) {
    return false;
  }

  /** A provider that always returns the same token (sandbox, tests, short scripts). */
  static TokenProvider staticToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("static token must not be null or blank");
    }
    return new TokenProvider() {
      @Override
      public String accessToken() {
        return token;
      }

      @Override
      public String toString() {
        return "TokenProvider.staticToken(***)";
      }
    };
  }
}
