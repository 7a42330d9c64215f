package io.github.centrasage.centra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.http.RetrySettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CentraClientBuilderTest {
  private static final String TOKEN = "abc123-secret";

  @Test
  void buildsWithAnHttpsTenantRoot() {
    CentraClient client = CentraClient.builder().baseUrl("https://mybrand.centra.com").token(TOKEN).build();

    assertThat(client.toString()).contains("https://mybrand.centra.com/").doesNotContain(TOKEN);
  }

  @Test
  void refusesPlainHttpUnlessExplicitlyAllowed() {
    assertThatThrownBy(() -> CentraClient.builder().baseUrl("http://mybrand.centra.com").token(TOKEN).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("must use https")
        .hasMessageContaining("allowPlainHttp(true)");
    assertThat(CentraClient.builder().baseUrl("http://localhost:8080").allowPlainHttp(true).token(TOKEN).build()).isNotNull();
  }

  @Test
  void explainsWhatIsWrongWithTheBaseUrl() {
    assertThatThrownBy(() -> CentraClient.builder().token(TOKEN).build()).hasMessageContaining("baseUrl is missing");
    assertThatThrownBy(() -> CentraClient.builder().baseUrl("mybrand.centra.com").token(TOKEN).build())
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(() -> CentraClient.builder().baseUrl("https://mybrand.centra.com/graphql").token(TOKEN).build())
        .hasMessageContaining("without /graphql");
    assertThatThrownBy(() -> CentraClient.builder().baseUrl("https://mybrand.centra.com/?x=1").token(TOKEN).build())
        .hasMessageContaining("query or fragment");
  }

  @Test
  void namesEveryProblemAtOnceLikeTheSageBuilder() {
    assertThatThrownBy(() -> CentraClient.builder().baseUrl("http://mybrand.centra.com/graphql").build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("CentraClient cannot be built: ")
        .hasMessageContaining("must use https").hasMessageContaining("without /graphql")
        .hasMessageContaining("token is missing");
  }

  @Test
  void explainsWhatIsWrongWithTheTokenWithoutEchoingIt() {
    assertThatThrownBy(() -> CentraClient.builder().baseUrl("https://a.centra.com").build())
        .hasMessageContaining("token is missing");
    assertThatThrownBy(() -> CentraClient.builder().baseUrl("https://a.centra.com").token(TOKEN + "\n").build())
        .hasMessageContaining("whitespace").hasMessageNotContaining(TOKEN);
  }

  @Test
  void rejectsNonsenseSettings() {
    assertThatThrownBy(() -> CentraClient.builder().baseUrl("https://a.centra.com").token(TOKEN).connectTimeout(Duration.ZERO)
        .readTimeout(Duration.ofSeconds(-1)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("connectTimeout must be positive").hasMessageContaining("readTimeout must be positive");
    assertThatThrownBy(() -> RetrySettings.builder().maxAttempts(0).build()).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> CentraRateLimits.builder().requestsPerPeriod(0).mutationsPerPeriod(1).build())
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> CentraClient.builder().baseUrl("https://a.centra.com").token(TOKEN).userAgentSuffix("x\r\ny").build())
        .hasMessageContaining("printable ASCII");
  }

  @Test
  void planPresetsMatchCentrasPublishedTiers() {
    assertThat(CentraRateLimits.growthPlan().requestsPerPeriod()).isEqualTo(60);
    assertThat(CentraRateLimits.growthPlan().mutationsPerPeriod()).isEqualTo(20);
    assertThat(CentraRateLimits.enterprisePlan().mutationsPerPeriod()).isEqualTo(500);
  }
}
