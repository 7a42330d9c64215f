package io.github.centrasage.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class ClientSettingsTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  @Test
  void aCallersClientKeepsItsTimeoutsUnlessOneIsSetExplicitly() {
    OkHttpClient callers = new OkHttpClient.Builder().connectTimeout(Duration.ofSeconds(1))
        .readTimeout(Duration.ofSeconds(2)).writeTimeout(Duration.ofSeconds(3)).callTimeout(Duration.ofSeconds(4)).build();
    OkHttpClient kept = ClientSettings.withTimeouts(callers, null, null, null, TEN, TEN, TEN);
    assertThat(kept.connectTimeoutMillis()).isEqualTo(1000);
    assertThat(kept.readTimeoutMillis()).isEqualTo(2000);
    assertThat(kept.writeTimeoutMillis()).isEqualTo(3000);
    assertThat(kept.callTimeoutMillis()).isEqualTo(4000);

    OkHttpClient explicit = ClientSettings.withTimeouts(callers, null, Duration.ofSeconds(20), null, TEN, TEN, TEN);
    assertThat(explicit.readTimeoutMillis()).isEqualTo(20_000);
    assertThat(explicit.writeTimeoutMillis()).isEqualTo(20_000);
    assertThat(explicit.connectTimeoutMillis()).isEqualTo(1000);
    assertThat(callers.readTimeoutMillis()).as("the caller's client is not changed").isEqualTo(2000);
  }

  @Test
  void aClientOfItsOwnGetsTheDefaults() {
    OkHttpClient own = ClientSettings.withTimeouts(null, null, null, null, Duration.ofSeconds(5), TEN,
        Duration.ofSeconds(60));
    assertThat(own.connectTimeoutMillis()).isEqualTo(5000);
    assertThat(own.readTimeoutMillis()).isEqualTo(10_000);
    assertThat(own.callTimeoutMillis()).isEqualTo(60_000);
  }

  @Test
  void everyProblemIsNamedInOneIllegalStateException() {
    ClientSettings settings = new ClientSettings("SomeClient");
    settings.baseUrl("http://user:secret@example.com/api?x=1", false, "the API root");
    settings.positiveIfSet("readTimeout", Duration.ZERO);
    settings.userAgent("1.0", "bad\r\nsuffix");
    assertThatThrownBy(settings::check).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("SomeClient cannot be built: ")
        .hasMessageContaining("must use https (call allowPlainHttp(true) only for a local sandbox): http://example.com")
        .hasMessageContaining("query or fragment").hasMessageContaining("readTimeout must be positive")
        .hasMessageContaining("printable ASCII").hasMessageNotContaining("secret");
  }

  @Test
  void aUrlThatDoesNotParseIsRepeatedWithoutItsUserInfo() {
    ClientSettings settings = new ClientSettings("SomeClient");
    settings.baseUrl("htps://user:secret@example.com/api", false, "the API root");
    assertThatThrownBy(settings::check).hasMessageContaining("not an http(s) URL: 'htps://…@example.com/api'")
        .hasMessageNotContaining("secret");
  }

  @Test
  void plainHttpOnlyWhenAllowedAndTheUrlGetsItsTrailingSlash() {
    ClientSettings settings = new ClientSettings("SomeClient");
    HttpUrl url = settings.baseUrl("http://localhost:8080/api", true, "the API root");
    settings.check();
    assertThat(url).hasToString("http://localhost:8080/api/");
    ClientSettings missing = new ClientSettings("SomeClient");
    assertThat(missing.baseUrl(" ", true, "the API root")).isNull();
    assertThatThrownBy(missing::check).hasMessageContaining("baseUrl is missing: the API root");
  }
}
