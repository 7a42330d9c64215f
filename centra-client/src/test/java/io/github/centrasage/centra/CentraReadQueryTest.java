package io.github.centrasage.centra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link CentraClient#readQuery}: read-only documents the library does not ship, answered as plain JSON. */
class CentraReadQueryTest extends CentraWireMockTest {

  @Test
  void aNamedQueryIsSentWithItsOwnOperationNameAndItsRootFieldComesBackAsPlainJson() {
    stubData("{\"eventListeners\": [{\"objectType\": \"Order\", \"changeTypes\": [\"CREATED\"]}]}");

    Object answer = client.readQuery("query DoctorEventListeners { eventListeners { objectType changeTypes } }",
        "eventListeners");

    assertThat(answer).isEqualTo(List.of(Map.of("objectType", "Order", "changeTypes", List.of("CREATED"))));
    assertThat(onlyRequest().get("operationName")).isEqualTo("DoctorEventListeners");
  }

  @Test
  void mutationsAndAnonymousDocumentsAreRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> client.readQuery("mutation X { unsetEventListeners(input: []) { userErrors { message } } }",
        "unsetEventListeners")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> client.readQuery("{ warehouses { id } }", "warehouses"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(requests()).isEmpty();
  }

  @Test
  void shippedDocumentsListsEveryOperationWithItsFragmentsExpanded() {
    Map<String, String> docs = CentraClient.shippedDocuments();

    assertThat(docs).containsKeys("Orders", "Events", "SetEventListeners", "RateLimits");
    assertThat(docs.values()).allSatisfy(d -> assertThat(d).doesNotContain("{{"));
  }
}
