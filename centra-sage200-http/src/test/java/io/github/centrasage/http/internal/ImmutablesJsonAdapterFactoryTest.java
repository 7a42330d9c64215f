package io.github.centrasage.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import io.github.centrasage.http.internal.ImmutablesJsonAdapterFactory.Naming;
import io.github.centrasage.http.internal.json.ImmutableLine;
import io.github.centrasage.http.internal.json.Line;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ImmutablesJsonAdapterFactoryTest {
  private static JsonAdapter<Line> adapter(Naming naming) {
    return new Moshi.Builder().add(new ImmutablesJsonAdapterFactory("io.github.centrasage.http.internal.json", naming))
        .build().adapter(Line.class);
  }

  @Test
  void oneNamingRuleAnnotationFirstThenTheClientsCase() throws IOException {
    Line line = ImmutableLine.builder().lineNumber(3).analysisCode1("A").taxCodeId(7).sku("S-1").addTags("x").build();
    assertThat(adapter(Naming.SNAKE_CASE).toJson(line))
        .isEqualTo("{\"line_number\":3,\"analysis_code_1\":\"A\",\"tax_code_id\":7,\"SKU\":\"S-1\",\"tags\":[\"x\"],"
            + "\"quantity\":1}");
    assertThat(adapter(Naming.AS_WRITTEN).toJson(line))
        .isEqualTo("{\"lineNumber\":3,\"analysisCode1\":\"A\",\"taxCodeId\":7,\"SKU\":\"S-1\",\"tags\":[\"x\"],"
            + "\"quantity\":1}");
    assertThat(adapter(Naming.SNAKE_CASE).fromJson(adapter(Naming.SNAKE_CASE).toJson(line))).isEqualTo(line);
  }

  @Test
  void absentOptionalsAndEmptyCollectionsAreLeftOut() {
    assertThat(adapter(Naming.SNAKE_CASE).toJson(ImmutableLine.builder().lineNumber(1).build()))
        .isEqualTo("{\"line_number\":1,\"quantity\":1}");
  }

  @Test
  void nullsLeaveAttributesUnsetAndUnknownFieldsAreKeptInExtraFields() throws IOException {
    Line line = adapter(Naming.SNAKE_CASE).fromJson(
        "{\"line_number\":2,\"analysis_code_1\":null,\"quantity\":null,\"spare_text_1\":\"kept\",\"gone\":null}");
    assertThat(line.analysisCode1()).isEmpty();
    assertThat(line.quantity()).isEqualTo(1);
    assertThat(line.extraFields()).containsOnlyKeys("spare_text_1");
    assertThat(adapter(Naming.SNAKE_CASE).toJson(line)).contains("\"spare_text_1\":\"kept\"");
  }

  @Test
  void aMissingRequiredAttributeIsBadJsonNamingTheType() {
    assertThatThrownBy(() -> adapter(Naming.SNAKE_CASE).fromJson("{\"tags\":[]}"))
        .isInstanceOf(JsonDataException.class).hasMessageContaining("Line").hasMessageContaining("lineNumber");
  }

  @Test
  void modelFieldsSayWhichNamesAreRequired() {
    ImmutablesJsonAdapterFactory factory = new ImmutablesJsonAdapterFactory("x", Naming.SNAKE_CASE);
    assertThat(factory.modelFields(Line.class)).containsEntry("line_number", true).containsEntry("analysis_code_1", false)
        .containsEntry("tax_code_id", false).containsEntry("SKU", false).doesNotContainKeys("tags", "extra_fields");
  }

  @Test
  void typesOutsideThePackageAreLeftToOtherAdapters() {
    Moshi moshi = new Moshi.Builder().add(new ImmutablesJsonAdapterFactory("io.github.other", Naming.SNAKE_CASE)).build();
    assertThatThrownBy(() -> moshi.adapter(Line.class)).isInstanceOf(IllegalArgumentException.class);
  }
}
