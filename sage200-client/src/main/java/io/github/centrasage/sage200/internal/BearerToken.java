package io.github.centrasage.sage200.internal;

/**
 * The access token for one request, carried as an OkHttp request tag rather than a header so that
 * interceptors of a caller's own {@code OkHttpClient} (a host {@code HttpLoggingInterceptor}) never
 * see it; the transport's last application interceptor turns it into {@code Authorization}.
 */
final class BearerToken {
  private final String value;

  BearerToken(String value) {
    this.value = value;
  }

  String value() {
    return value;
  }

  @Override
  public String toString() {
    return "BearerToken[***]";
  }
}
