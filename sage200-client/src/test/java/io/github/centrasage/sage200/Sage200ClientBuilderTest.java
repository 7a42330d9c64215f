package io.github.centrasage.sage200;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.http.RetrySettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class Sage200ClientBuilderTest {

  @Test
  void namesEveryMissingSetting() {
    assertThatThrownBy(() -> Sage200Client.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("baseUrl is missing")
        .hasMessageContaining("siteId is missing")
        .hasMessageContaining("companyId is missing")
        .hasMessageContaining("tokenProvider is missing");
  }

  @Test
  void requiresHttpsUnlessPlainHttpIsAllowed() {
    Sage200Client.Builder builder = Sage200Client.builder().baseUrl("http://localhost:8080/uk/sage200/accounts/v1")
        .siteId("s").companyId(1).tokenProvider(TokenProvider.staticToken("t"));
    assertThatThrownBy(builder::build).hasMessageContaining("must use https");
    assertThat(builder.allowPlainHttp(true).build()).isNotNull();
  }

  @Test
  void rejectsWrongValues() {
    assertThatThrownBy(() -> Sage200Client.builder().baseUrl("ftp://x").siteId("s").companyId(0)
        .tokenProvider(TokenProvider.staticToken("t")).readTimeout(Duration.ZERO).maxKeysPerLookup(0).build())
        .hasMessageContaining("not an http(s) URL")
        .hasMessageContaining("companyId must be positive")
        .hasMessageContaining("readTimeout must be positive")
        .hasMessageContaining("maxKeysPerLookup");
    assertThatThrownBy(() -> RetrySettings.builder().maxAttempts(0).build()).hasMessageContaining("maxAttempts");
    assertThatThrownBy(() -> TokenProvider.staticToken(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void presetsBuildAndToStringHoldsNoToken() {
    Sage200Client client = Sage200Client.builder().baseUrl(Sage200Client.STANDARD_ONLINE).siteId("site")
        .companyId(7).tokenProvider(TokenProvider.staticToken("very-secret-token")).build();
    assertThat(client.toString()).contains("sage200/accounts/v1").doesNotContain("very-secret-token");
    assertThat(TokenProvider.staticToken("very-secret-token").toString()).doesNotContain("very-secret-token");
    assertThat(Sage200Client.PROFESSIONAL).endsWith("/uk/sage200extra/accounts/v1");
  }

  @Test
  void aNonAsciiUserAgentSuffixFailsAtBuild() {
    assertThatThrownBy(() -> Sage200Client.builder().baseUrl(Sage200Client.PROFESSIONAL).siteId("s").companyId(1)
        .tokenProvider(TokenProvider.staticToken("t")).userAgentSuffix("shop-é/1").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("userAgentSuffix");
  }
}
