package io.github.centrasage.centra.internal;

/**
 * The token one attempt authenticates with, carried as an OkHttp request tag so that the header is
 * added after the caller's own interceptors (which therefore never see it). Never printed.
 */
public final class BearerToken {
  private final String value;

  private BearerToken(String value) {
    this.value = value;
  }

  /**
   * Checks a token; the message says what is wrong without echoing it.
   *
   * @throws IllegalArgumentException when the token is missing or cannot be sent in a header
   */
  public static BearerToken of(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("token is required: create an Integration API token in the Centra AMS");
    }
    if (!token.equals(token.strip()) || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
      throw new IllegalArgumentException("token contains whitespace or non-printable characters (" + token.length()
          + " characters); paste it without quotes or line breaks");
    }
    return new BearerToken(token);
  }

  String value() {
    return value;
  }

  @Override
  public String toString() {
    return "BearerToken[REDACTED]";
  }
}
