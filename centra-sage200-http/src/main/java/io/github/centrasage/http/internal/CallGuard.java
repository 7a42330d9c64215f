package io.github.centrasage.http.internal;

import java.net.ProtocolException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;

/**
 * The interceptors both clients add to the caller's (or their own) {@link OkHttpClient}:
 * OkHttp's silent retry switched off, the bearer token and the fixed headers added last, a write
 * repeated by a caller's interceptor refused, and the moment a request is written recorded.
 */
public final class CallGuard {
  private CallGuard() {}

  /**
   * A copy of {@code base} with the guard installed; {@code base} is not changed.
   *
   * @param service the vendor's name for messages, such as {@code "Centra"}
   */
  public static OkHttpClient install(OkHttpClient base, String service, String userAgent, Logger log) {
    return base.newBuilder()
        // OkHttp's own silent retry once re-sent a POST after a connection reset (a duplicate order):
        // only the client's policy decides what is sent again.
        .retryOnConnectionFailure(false)
        // Last of the application interceptors: the caller's own never see the token, and this one sees
        // each proceed of theirs. A "retry on IOException" interceptor that repeats a write after it may
        // have reached the server would apply it twice; the repeat is refused, and the client's policy
        // treats the call as "may have been applied" (it looks the record up before writing again).
        .addInterceptor(chain -> {
          Request request = chain.request();
          SendTracker tracker = request.tag(SendTracker.class);
          if (tracker != null && tracker.repeatsSentWrite()) {
            log.warn("{} {} refused: an interceptor of the OkHttpClient passed to okHttpClient(…) sent this write a"
                + " second time after it may have reached {}", request.method(), request.url().encodedPath(), service);
            throw new ProtocolException("refused to send " + request.method() + " " + request.url().encodedPath()
                + " a second time: an interceptor of the OkHttpClient passed to okHttpClient(…) repeated a write that"
                + " may have reached " + service + " (only this client decides what is sent again)");
          }
          Request.Builder out = request.newBuilder()
              .header("User-Agent", userAgent)
              .header("Accept", "application/json");
          BearerToken token = request.tag(BearerToken.class);
          if (token != null) {
            out.header("Authorization", "Bearer " + token.value());
          }
          return chain.proceed(out.build());
        })
        .addNetworkInterceptor(chain -> {
          SendTracker tracker = chain.request().tag(SendTracker.class);
          if (tracker != null) {
            tracker.markSent();
          }
          return chain.proceed(chain.request());
        })
        .build();
  }
}
