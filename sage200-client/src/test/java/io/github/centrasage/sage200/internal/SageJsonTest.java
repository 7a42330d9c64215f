package io.github.centrasage.sage200.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonDataException;
import io.github.centrasage.http.internal.ImmutablesJsonAdapterFactory;
import io.github.centrasage.sage200.model.DespatchItem;
import io.github.centrasage.sage200.model.SalesReturn;
import io.github.centrasage.sage200.model.TaxCode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SageJsonTest {

  @Test
  void namesAreSnakeCaseWithDigitsSplitOff() {
    assertThat(ImmutablesJsonAdapterFactory.Naming.SNAKE_CASE.apply("analysisCode1")).isEqualTo("analysis_code_1");
    assertThat(ImmutablesJsonAdapterFactory.Naming.SNAKE_CASE.apply("address1")).isEqualTo("address_1");
    assertThat(ImmutablesJsonAdapterFactory.Naming.SNAKE_CASE.apply("spareText10")).isEqualTo("spare_text_10");
    assertThat(ImmutablesJsonAdapterFactory.Naming.SNAKE_CASE.apply("sopOrderReturnId")).isEqualTo("sop_order_return_id");
  }

  @Test
  void moneyIsWrittenAsPlainDecimalsAndReadExactly() {
    String json = SageJson.moshi().adapter(DespatchItem.class)
        .toJson(DespatchItem.builder().id(1).quantity(new BigDecimal("1E+3")).build());
    assertThat(json).isEqualTo("{\"id\":1,\"quantity\":1000}");
    TaxCode code = fromJson(TaxCode.class, "{\"id\": 1, \"tax_rate\": 17.50}");
    assertThat(code.taxRate()).contains(new BigDecimal("17.50"));
  }

  @Test
  void datesGoOutAsMidnightUtcAndDateTimesWithoutOffsetAreUtc() {
    assertThat(SageJson.formatDate(LocalDate.of(2025, 3, 1))).isEqualTo("2025-03-01T00:00:00Z");
    assertThat(SageJson.parseDateTime("2025-03-01T10:15:00"))
        .isEqualTo(OffsetDateTime.of(2025, 3, 1, 10, 15, 0, 0, ZoneOffset.UTC));
    assertThat(SageJson.parseDateTime("2025-03-01T11:15:00+01:00"))
        .isEqualTo(OffsetDateTime.of(2025, 3, 1, 10, 15, 0, 0, ZoneOffset.UTC));
  }

  @Test
  void aDateOnlyValueIsTheDateAsWrittenNotShiftedToUtc() throws java.io.IOException {
    com.squareup.moshi.JsonAdapter<LocalDate> dates = SageJson.moshi().adapter(LocalDate.class);
    assertThat(dates.fromJson("\"2025-03-02T00:00:00+01:00\"")).isEqualTo(LocalDate.of(2025, 3, 2));
    assertThat(dates.fromJson("\"2025-03-01T23:30:00-05:00\"")).isEqualTo(LocalDate.of(2025, 3, 1));
    assertThat(dates.fromJson("\"2025-03-02T00:00:00Z\"")).isEqualTo(LocalDate.of(2025, 3, 2));
    assertThat(dates.fromJson("\"2025-03-02\"")).isEqualTo(LocalDate.of(2025, 3, 2));
  }

  @Test
  void missingRequiredFieldsAreRejectedThroughTheBuilder() {
    assertThatThrownBy(() -> fromJson(TaxCode.class, "{\"name\": \"no id\"}"))
        .isInstanceOf(JsonDataException.class).hasMessageContaining("TaxCode").hasMessageContaining("id");
  }

  @Test
  void extraFieldsRoundTrip() {
    SalesReturn read = fromJson(SalesReturn.class, "{\"id\": 3, \"return_reason_id\": \"R1\", \"lines\": []}");
    assertThat(read.extraFields()).containsEntry("return_reason_id", "R1");
    assertThat(SageJson.moshi().adapter(SalesReturn.class).toJson(read))
        .isEqualTo("{\"id\":3,\"return_reason_id\":\"R1\"}");
  }

  @Test
  void aProductKeepsFieldsTheClientDoesNotModelForCallersToReadByName() {
    io.github.centrasage.sage200.model.Product read = fromJson(io.github.centrasage.sage200.model.Product.class,
        "{\"id\": 7, \"code\": \"TEE-M\", \"weight\": 0.25, \"commodity_code\": \"61091000\","
            + " \"country_of_origin\": {\"code\": \"PT\"}}");
    assertThat(read.weight()).contains(new BigDecimal("0.25"));
    assertThat(read.extraFields()).containsOnlyKeys("commodity_code", "country_of_origin")
        .containsEntry("commodity_code", "61091000").containsEntry("country_of_origin", java.util.Map.of("code", "PT"));
  }

  @Test
  void unknownFieldsThatAreNullAreLeftOutOfExtraFields() {
    SalesReturn read = fromJson(SalesReturn.class,
        "{\"id\": 3, \"return_reason_id\": null, \"lines\": [{\"id\": 1, \"restock\": null}]}");
    assertThat(read.extraFields()).isEmpty();
    assertThat(read.lines().get(0).extraFields()).isEmpty();
  }

  private static <T> T fromJson(Class<T> type, String json) {
    try {
      return SageJson.moshi().adapter(type).fromJson(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }
}
