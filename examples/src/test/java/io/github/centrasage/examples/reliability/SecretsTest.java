package io.github.centrasage.examples.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.OrderQuery;
import io.github.centrasage.http.RetrySettings;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.SageIdCredentials;
import io.github.centrasage.sage200.SageIdTokenProvider;
import io.github.centrasage.sandbox.CentraSandbox;
import io.github.centrasage.sandbox.Sage200Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #15, part 5 (the in-process half; the crash test checks the workers' TRACE output): no
 * token, client secret or refresh token in any {@code toString} or in the message and stack trace
 * of the exceptions a rejected credential causes.
 */
@ExtendWith(ReliabilityResult.class)
class SecretsTest {
  static final String BAD_CENTRA_TOKEN = "centra-SECRET-revoked-6a1f";
  static final String BAD_REFRESH_TOKEN = "refresh-SECRET-spent-99";

  final CentraSandbox centraSandbox = CentraSandbox.start();
  final Sage200Sandbox sageSandbox = Sage200Sandbox.start();

  @AfterEach
  void stop() {
    centraSandbox.close();
    sageSandbox.close();
  }

  @Test
  void noSecretInToStringOrInTheExceptionsOfRejectedCredentials() throws Exception {
    List<String> texts = new ArrayList<>();
    try (SageIdEndpoint sageId = new SageIdEndpoint(sageSandbox.token(), 60)) {
      SageIdCredentials credentials = SageIdCredentials.of(SageIdEndpoint.CLIENT_ID, SageIdEndpoint.CLIENT_SECRET);
      SageIdTokenProvider spent = SageIdTokenProvider.builder().tokenUrl(sageId.tokenUrl()).allowPlainHttp(true)
          .credentials(credentials).refreshToken(BAD_REFRESH_TOKEN).onRefreshTokenRotated(t -> { }).build();
      Sage200Client sage = Sage200Client.builder().baseUrl(sageSandbox.baseUrl()).siteId(sageSandbox.siteId())
          .companyId(sageSandbox.companyId()).tokenProvider(spent).allowPlainHttp(true).sleeper(d -> { })
          .retrySettings(RetrySettings.none()).readTimeout(Duration.ofSeconds(2)).build();
      CentraClient centra = CentraClient.builder().baseUrl(centraSandbox.baseUrl()).token(BAD_CENTRA_TOKEN)
          .allowPlainHttp(true).retrySettings(RetrySettings.none()).build();
      texts.add(credentials.toString());
      texts.add(spent.toString());
      texts.add(sage.toString());
      texts.add(centra.toString());

      Throwable sageFailure = catchThrowable(() -> sage.taxCodes().list(io.github.centrasage.sage200.ODataQuery.all()));
      Throwable centraFailure = catchThrowable(() -> centra.orders().list(OrderQuery.builder().build()).count());
      assertThat(sageFailure).as("a spent refresh token is refused").isNotNull();
      assertThat(centraFailure).as("a revoked Centra token is refused").isNotNull();
      texts.add(stackTrace(sageFailure));
      texts.add(stackTrace(centraFailure));
    }
    List<String> secrets = List.of(SageIdEndpoint.CLIENT_SECRET, BAD_REFRESH_TOKEN, BAD_CENTRA_TOKEN,
        sageSandbox.token(), centraSandbox.token());
    long leaked = texts.stream().filter(t -> secrets.stream().anyMatch(t::contains)).count();
    ReliabilityResult.report("secrets", "leaked_secrets", leaked, "texts_checked", texts.size());
    assertThat(texts).allSatisfy(t -> assertThat(t).doesNotContain(secrets));
  }

  private static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return t + "\n" + out;
  }
}
