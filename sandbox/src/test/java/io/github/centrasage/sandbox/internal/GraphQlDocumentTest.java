package io.github.centrasage.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphQlDocumentTest {

  @Test
  void readsRootFieldsAliasesVariablesAndInlineLiterals() {
    String text = "# fetch\nquery Orders($where: OrderFilter, $page: Int = 1) @cached {\n"
        + "  recent: orders(where: $where, limit: 50, page: $page) { id lines { id } ...frag }\n"
        + "  base: currencies(where: {isBase: true, codes: [\"GBP\", \"EUR\"], note: \"a \\\"b\\\"\"}) { code }\n"
        + "}\nfragment frag on Order { number }";

    GraphQlDocument doc = GraphQlDocument.parse(text, Map.of("where", Map.of("number", 14), "page", 2));

    assertThat(doc.operationType()).isEqualTo("query");
    assertThat(doc.fields()).hasSize(2);
    GraphQlDocument.RootField orders = doc.fields().get(0);
    assertThat(orders.responseKey()).isEqualTo("recent");
    assertThat(orders.name()).isEqualTo("orders");
    assertThat(orders.arguments()).containsEntry("where", Map.of("number", 14)).containsEntry("limit", new BigDecimal("50"))
        .containsEntry("page", 2);
    assertThat(orders.selection()).contains("lines");
    assertThat(doc.fields().get(1).arguments().get("where"))
        .isEqualTo(Map.of("isBase", true, "codes", List.of("GBP", "EUR"), "note", "a \"b\""));
  }

  @Test
  void readsMutationsWithEnumLiterals() {
    GraphQlDocument doc = GraphQlDocument.parse("mutation { setStock(input: {stockQuantityType: PHYSICAL}) { userErrors { message } } }", null);

    assertThat(doc.operationType()).isEqualTo("mutation");
    assertThat(doc.fields().get(0).arguments()).containsEntry("input", Map.of("stockQuantityType", "PHYSICAL"));
  }

  @Test
  void rejectsBrokenDocuments() {
    assertThatThrownBy(() -> GraphQlDocument.parse("query { orders(", Map.of())).isInstanceOf(BadRequest.class);
    assertThatThrownBy(() -> GraphQlDocument.parse("subscription { x }", Map.of())).hasMessageContaining("subscription");
    assertThatThrownBy(() -> GraphQlDocument.parse("{ }", Map.of())).isInstanceOf(BadRequest.class);
  }
}
