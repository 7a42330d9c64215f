package io.github.centrasage.centra.internal;

import com.squareup.moshi.Types;
import io.github.centrasage.centra.CaptureResult;
import io.github.centrasage.centra.CentraEvent;
import io.github.centrasage.centra.CentraReturn;
import io.github.centrasage.centra.IdConversion;
import io.github.centrasage.centra.NamedRef;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.OrderSummary;
import io.github.centrasage.centra.Price;
import io.github.centrasage.centra.Pricelist;
import io.github.centrasage.centra.Product;
import io.github.centrasage.centra.ProductSize;
import io.github.centrasage.centra.ProductVariant;
import io.github.centrasage.centra.RateLimit;
import io.github.centrasage.centra.Shipment;
import java.lang.reflect.Type;
import java.util.List;

/** Every operation the client sends, each loaded once from its {@code .graphql} resource. */
public final class CentraOperations {
  private CentraOperations() {}

  private static Type listOf(Type element) {
    return Types.newParameterizedType(List.class, element);
  }

  public static final Operation<List<Order>> ORDERS = Operation.query("Orders", "orders", listOf(Order.class));
  public static final Operation<List<OrderSummary>> ORDER_SUMMARIES =
      Operation.query("OrderSummaries", "orders", listOf(OrderSummary.class));
  public static final Operation<Order> ORDER_BY_ID = Operation.query("OrderById", "order", Order.class);
  public static final Operation<RelayConnection<Order>> ORDER_CONNECTION = Operation.query(
      "OrderConnection", "orderConnection", Types.newParameterizedType(RelayConnection.class, Order.class));

  public static final Operation<Void> SET_EVENT_LISTENERS =
      Operation.mutation("SetEventListeners", "setEventListeners", null, Void.class);
  public static final Operation<List<CentraEvent>> EVENTS = Operation.query("Events", "events", listOf(CentraEvent.class));
  public static final Operation<Void> CONFIRM_EVENTS = Operation.mutation("ConfirmEvents", "confirmEvents", null, Void.class);

  public static final Operation<List<NamedRef>> SET_STOCK =
      Operation.mutation("SetStock", "setStock", "stockChanges", listOf(NamedRef.class));
  public static final Operation<NamedRef> CHANGE_STOCK =
      Operation.mutation("ChangeStock", "changeStock", "stockChange", NamedRef.class);
  public static final Operation<WarehouseStockPage> WAREHOUSE_STOCK =
      Operation.query("WarehouseStock", "warehouse", WarehouseStockPage.class);

  public static final Operation<Shipment> CREATE_SHIPMENT =
      Operation.mutation("CreateShipment", "createShipment", "shipment", Shipment.class);
  public static final Operation<Shipment> COMPLETE_SHIPMENT =
      Operation.mutation("CompleteShipment", "completeShipment", "shipment", Shipment.class);
  public static final Operation<CaptureResult> CAPTURE_SHIPMENT =
      Operation.mutation("CaptureShipment", "captureShipment", "", CaptureResult.class);
  public static final Operation<Shipment> UPDATE_SHIPMENT =
      Operation.mutation("UpdateShipment", "updateShipment", "shipment", Shipment.class);
  public static final Operation<OrderShipments> ORDER_SHIPMENTS =
      Operation.query("OrderShipments", "order", OrderShipments.class);

  public static final Operation<List<CentraReturn>> RETURNS = Operation.query("Returns", "returns", listOf(CentraReturn.class));
  public static final Operation<CentraReturn> CREATE_RETURN =
      Operation.mutation("CreateReturn", "createReturn", "return", CentraReturn.class);
  public static final Operation<CentraReturn> COMPLETE_RETURN =
      Operation.mutation("CompleteReturn", "completeReturn", "return", CentraReturn.class);

  public static final Operation<List<Product>> PRODUCTS = Operation.query("Products", "products", listOf(Product.class));
  public static final Operation<Product> UPDATE_PRODUCT =
      Operation.mutation("UpdateProduct", "updateProduct", "product", Product.class);
  public static final Operation<Product> CREATE_PRODUCT =
      Operation.mutation("CreateProduct", "createProduct", "product", Product.class);
  public static final Operation<ProductVariant> CREATE_PRODUCT_VARIANT =
      Operation.mutation("CreateProductVariant", "createProductVariant", "productVariant", ProductVariant.class);
  public static final Operation<ProductSize> UPDATE_PRODUCT_SIZE =
      Operation.mutation("UpdateProductSize", "updateProductSize", "productSize", ProductSize.class);
  public static final Operation<ProductSize> CREATE_PRODUCT_SIZE =
      Operation.mutation("CreateProductSize", "createProductSize", "productSize", ProductSize.class);
  public static final Operation<List<Pricelist>> PRICELISTS =
      Operation.query("Pricelists", "pricelists", listOf(Pricelist.class));
  public static final Operation<List<Price>> PRICES = Operation.query("Prices", "prices", listOf(Price.class));
  public static final Operation<NamedRef> SET_PRICES = Operation.mutation("SetPrices", "setPrices", "pricelist", NamedRef.class);

  public static final Operation<Void> SET_ID_CONVERSIONS =
      Operation.mutation("SetIdConversions", "setIdConversions", null, Void.class);
  public static final Operation<List<IdConversion>> ID_CONVERSIONS =
      Operation.query("IdConversions", "idConversions", listOf(IdConversion.class));

  public static final Operation<List<RateLimit>> RATE_LIMITS =
      Operation.query("RateLimits", "rateLimits", listOf(RateLimit.class));
}
