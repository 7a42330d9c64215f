package io.github.centrasage.centra;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class CentraTokenTest extends CentraWireMockTest {

  @Test
  void rotatedTokenIsUsedFromTheNextCallOn() {
    AtomicReference<String> current = new AtomicReference<>("token-one");
    client = clientBuilder().tokenSupplier(current::get).build();
    stubData("{\"rateLimits\": []}");

    client.rateLimits();
    current.set("token-two");
    client.rateLimits();

    wm.verify(1, postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("Bearer token-one")));
    wm.verify(1, postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("Bearer token-two")));
  }

  @Test
  void blankSuppliedTokenFailsTheCallWithoutSendingIt() {
    client = clientBuilder().tokenSupplier(() -> " ").build();

    assertThatThrownBy(() -> client.rateLimits()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token is required");
    assertThat(requests()).isEmpty();
  }

  @Test
  void callersInterceptorsNeverSeeTheAuthorizationHeader() {
    AtomicReference<String> seen = new AtomicReference<>("unset");
    OkHttpClient spying = new OkHttpClient.Builder().addInterceptor(chain -> {
      seen.set(String.valueOf(chain.request().header("Authorization")));
      return chain.proceed(chain.request());
    }).build();
    client = clientBuilder().okHttpClient(spying).build();
    stubData("{\"rateLimits\": []}");

    client.rateLimits();

    assertThat(seen.get()).isEqualTo("null");
    wm.verify(postRequestedFor(urlEqualTo("/graphql")).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
  }
}
