package io.github.centrasage.centra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.Moshi;
import io.github.centrasage.centra.internal.ScalarAdapters;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class JsonMappingTest {
  private final Moshi moshi = ScalarAdapters.moshi();

  @Test
  void dateTimeTzRoundTripsWithItsOffset() throws Exception {
    JsonAdapter<OffsetDateTime> adapter = moshi.adapter(OffsetDateTime.class);

    OffsetDateTime parsed = adapter.fromJson("\"2023-01-09T15:18:33+01:00\"");

    assertThat(parsed.getOffset().getTotalSeconds()).isEqualTo(3600);
    assertThat(adapter.toJson(parsed)).isEqualTo("\"2023-01-09T15:18:33+01:00\"");
    assertThat(adapter.fromJson("\"2022-06-23 15:47:12-05:30\"").getOffset().getTotalSeconds()).isEqualTo(-19800);
    assertThatThrownBy(() -> adapter.fromJson("\"2022-06-23 15:47:12\"")).isInstanceOf(JsonDataException.class)
        .hasMessageContaining("DateTimeTz");
  }

  @Test
  void moneyKeepsEveryDigitAndEncodesAsMonetaryValueInput() throws Exception {
    JsonAdapter<Money> adapter = moshi.adapter(Money.class);

    Money money = adapter.fromJson("{\"value\": 0.1000000000000000055511151231257827, \"currency\": {\"id\": 1, \"code\": \"EUR\"}}");

    assertThat(money.value()).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
    assertThat(money.currency()).isEqualTo("EUR");
    assertThat(adapter.toJson(Money.of("12.50", "GBP"))).isEqualTo("{\"value\":12.50,\"currencyIsoCode\":\"GBP\"}");
    assertThatThrownBy(() -> adapter.fromJson("{\"value\": 1}")).hasMessageContaining("currency");
  }

  @Test
  void immutablesDecodeThroughBuildersToleratingUnknownFieldsAndApplyingDefaults() throws Exception {
    JsonAdapter<Shipment> adapter = moshi.adapter(Shipment.class);

    Shipment shipment = adapter.fromJson("{\"id\": 5, \"brandNewField\": {\"x\": [1]}, \"trackingNumber\": null}");

    assertThat(shipment.id()).isEqualTo(5);
    assertThat(shipment.isShipped()).isFalse();
    assertThat(shipment.trackingNumber()).isEmpty();
    assertThat(shipment.lines()).isEmpty();
  }

  @Test
  void missingRequiredAttributeFailsNamingTypeAndAttribute() {
    JsonAdapter<OrderLine> adapter = moshi.adapter(OrderLine.class);

    assertThatThrownBy(() -> adapter.fromJson("{\"id\": 1, \"quantity\": 1}"))
        .isInstanceOf(JsonDataException.class).hasMessageContaining("OrderLine").hasMessageContaining("taxPercent");
  }

  @Test
  void unknownEnumValuesBecomeUnrecognized() throws Exception {
    assertThat(moshi.adapter(OrderStatus.class).fromJson("\"ON_THE_MOON\"")).isEqualTo(OrderStatus.UNRECOGNIZED);
    assertThatThrownBy(() -> moshi.adapter(StockQuantityType.class).fromJson("\"NOPE\""))
        .isInstanceOf(JsonDataException.class).hasMessageContaining("StockQuantityType");
  }

  @Test
  void encodesThroughAccessorsWithCentraNamesAndDecodesBack() throws Exception {
    JsonAdapter<ProductSize> adapter = moshi.adapter(ProductSize.class);
    ProductSize size = ImmutableProductSize.builder().id(9).sku("TEE-M").ean("501").build();

    String json = adapter.toJson(size);

    assertThat(json).isEqualTo("{\"id\":9,\"SKU\":\"TEE-M\",\"EAN\":\"501\"}");
    assertThat(adapter.fromJson(json)).isEqualTo(size);
  }

  @Test
  void inputValidationNamesWhatIsWrong() {
    assertThatThrownBy(() -> ImmutableSizeStockLevel.builder().variantId(1).sizeId(2L).sizeName("M").quantity(1).build())
        .hasMessageContaining("exactly one of sizeId or sizeName");
    assertThatThrownBy(() -> SizeStockLevel.ofSizeName(1, "M", -1)).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> SetStockRequest.builder().warehouseId(1).build()).hasMessageContaining("levels must not be empty");
    assertThatThrownBy(() -> CreateShipmentRequest.builder().addLines(ShipmentLineRequest.of(1, 1)).build())
        .hasMessageContaining("orderId or orderNumber");
    assertThatThrownBy(() -> SetPricesRequest.builder().pricelistId(1).addProductPrices(ProductPrice.builder().productId(2)
        .price(Money.of("1", "EUR")).addVariantPrices(VariantPrice.of(3, Money.of("1", "GBP"))).build()).build())
        .hasMessageContaining("variant 3 is priced in GBP");
    assertThatThrownBy(() -> IdConversion.of("Market", 1, "x".repeat(256))).hasMessageContaining("1 to 255");
    assertThatThrownBy(() -> EventQuery.builder().limit(201).build()).hasMessageContaining("between 1 and 200");
  }
}
