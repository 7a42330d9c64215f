package io.github.centrasage.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CentraSchemaTest {
  static final String START = "<!-- centra-inferred:start -->";
  static final String END = "<!-- centra-inferred:end -->";

  @Test
  void theInferredNamesAreTheSdlsMarksWithTheirNotes() {
    Map<String, String> notes = CentraSchema.get().inferredNotes();

    assertThat(notes).containsKeys("Query.order", "Query.warehouse", "Mutation.updateProductSize",
        "StockQuantityType.FREE_TO_ALLOCATE", "ReturnCompleteInput", "EventsConfirmInput",
        "Mutation.setIdConversions(input)", "Stock.physicalQuantity");
    assertThat(notes).doesNotContainKeys("StockSetInput", "ShipmentCreateInput", "ShipmentCompleteInput",
        "ShipmentUpdateInput", "ReturnCreateInput", "StockChangeInput", "EventListenerSetInput", "IdConversionSetInput");
    assertThat(notes.values()).allSatisfy(note -> assertThat(note).hasSizeGreaterThan(10));
  }

  @Test
  void knownUnknownsListsExactlyTheInferredCentraNames() throws Exception {
    Path doc = Paths.get("..", "docs", "known-unknowns.md");
    String text = Files.readString(doc, StandardCharsets.UTF_8);
    StringBuilder expected = new StringBuilder();
    CentraSchema.get().inferredNotes().forEach((name, note) -> expected.append("- `").append(name).append("`: ")
        .append(note).append('\n'));
    assertThat(text).contains(START).contains(END);
    String listed = text.substring(text.indexOf(START) + START.length(), text.indexOf(END));
    Set<String> names = new LinkedHashSet<>();
    Matcher m = Pattern.compile("(?m)^- `([^`]+)`").matcher(listed);
    while (m.find()) {
      names.add(m.group(1));
    }
    assertThat(names).as("docs/known-unknowns.md between the centra-inferred markers should read:\n" + expected)
        .containsExactlyElementsOf(CentraSchema.get().inferredNames());
  }

  @Test
  void aDocumentThatDoesNotValidateIsAContractViolation() {
    assertThatThrownBy(() -> CentraSchema.get().prepare("mutation M($input: SetStockInput!) { setStock(input: $input) { userErrors { message } } }", null))
        .isInstanceOf(ContractViolation.class).hasMessageContaining("SetStockInput");
    assertThatThrownBy(() -> CentraSchema.get().prepare("query { orders(", null))
        .isInstanceOf(ContractViolation.class).hasMessageContaining("Syntax Error");
    CentraSchema.Prepared ok = CentraSchema.get().prepare("query Q { rateLimits { type } orders(limit: 1) { id } }", null);
    assertThat(ok.rootFields).isEqualTo("rateLimits,orders");
  }
}
