package io.github.centrasage.http.internal;

/**
 * The token one attempt authenticates with, carried as an OkHttp request tag so that the
 * {@code Authorization} header is added after the caller's own interceptors (a host's
 * {@code HttpLoggingInterceptor} therefore never sees it). Never printed.
 */
public final class BearerToken {
  private final String value;

  private BearerToken(String value) {
    this.value = value;
  }

  /**
   * Checks a token; the message says what is wrong without echoing it.
   *
   * @param whereToGetOne how to get a token, appended when it is missing
   * @throws IllegalArgumentException when the token is missing or cannot be sent in a header
   */
  public static BearerToken of(String token, String whereToGetOne) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is required: " + whereToGetOne);
    }
    if (!token.equals(token.strip()) || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("token contains whitespace or non-printable characters (" + token.length()
          + " characters); paste it without quotes or line breaks");
    }
    return new BearerToken(token);
  }

  /** The token itself, for the header and for redacting echoes of it. */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return "BearerToken[REDACTED]";
  }
}
