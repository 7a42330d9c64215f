package io.github.centrasage.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import io.github.centrasage.centra.Order;
import io.github.centrasage.centra.internal.CentraOperations;
import io.github.centrasage.centra.internal.ScalarAdapters;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.order.internal.MappedOrder;
import io.github.centrasage.sync.order.internal.OrderMapper;
import io.github.centrasage.sync.order.internal.SageAccount;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH micro-benchmarks of the per-order CPU work of an import, without any I/O: decoding a page
 * of Centra orders with the client's own Moshi adapters, and mapping a Centra order to a Sage
 * sales-order draft. The page is the sandbox's real answer to the client's {@code Orders} query,
 * captured once in the set-up; the sandbox is closed before anything is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OrderCodecBenchmarks {
  /** Orders per page, the client's largest page. */
  static final int PAGE = 50;

  private String pageJson;
  private JsonAdapter<List<Order>> pageAdapter;
  private List<Order> orders;
  private OrderMapper mapper;
  /** The shared web account of each order's currency, as the customer strategy picks it. */
  private List<SageAccount> accounts;
  private Map<String, Long> productIds;

  @Setup
  public void capture() throws IOException {
    Moshi moshi = ScalarAdapters.moshi();
    pageAdapter = moshi.adapter(Types.newParameterizedType(List.class, Order.class));
    try (Shop shop = Shop.fashion(Duration.ZERO, 4)) {
      OrderBacklog.placeOrders(shop.centra, PAGE);
      pageJson = ordersPage(shop, moshi);
      Mappings mappings = shop.orderMappings();
      mapper = new OrderMapper(mappings, OrderImportOptions.builder().defaultWarehouse(shop.centraWarehouse(Shop.LEEDS))
          .build());
      Map<String, Long> customers = shop.sage.ids("customer");
      productIds = shop.sage.ids("product");
      orders = pageAdapter.fromJson(pageJson);
      if (orders == null || orders.size() != PAGE) {
        throw new IllegalStateException("expected a page of " + PAGE + " orders, got " + (orders == null ? 0 : orders.size()));
      }
      accounts = new ArrayList<>();
      for (Order order : orders) {
        String reference = "WEB" + order.currency();
        accounts.add(new SageAccount(customers.get(reference), reference,
            OptionalLong.of(Long.parseLong(mappings.currencies().get(order.currency())))));
      }
    }
    for (int i = 0; i < PAGE; i++) {
      MappedOrder mapped = mapper.map(orders.get(i), accounts.get(i), productIds);
      if (mapped.draft().isEmpty()) {
        throw new IllegalStateException("benchmark order " + orders.get(i).number() + " does not map: " + mapped.problems());
      }
    }
  }

  /** The {@code orders} array of the sandbox's answer to the client's own query document. */
  private static String ordersPage(Shop shop, Moshi moshi) throws IOException {
    Map<String, Object> body = Map.of("query", CentraOperations.ORDERS.document(), "variables", Map.of("limit", PAGE));
    Request request = new Request.Builder().url(shop.centra.graphqlUrl())
        .header("Authorization", "Bearer " + shop.centra.token())
        .post(RequestBody.create(moshi.adapter(Object.class).toJson(body), MediaType.get("application/json")))
        .build();
    try (Response response = new OkHttpClient().newCall(request).execute()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> answer = (Map<String, Object>) moshi.adapter(Object.class).fromJson(response.body().string());
      @SuppressWarnings("unchecked")
      Map<String, Object> data = (Map<String, Object>) answer.get("data");
      if (data == null) {
        throw new IllegalStateException("the sandbox answered the Orders query with " + answer);
      }
      return moshi.adapter(Object.class).toJson(data.get("orders"));
    }
  }

  /** Decodes the page; the score is per order. */
  @Benchmark
  @OperationsPerInvocation(PAGE)
  public List<Order> decodeOrderPage() throws IOException {
    return pageAdapter.fromJson(pageJson);
  }

  /** Maps every order of the page to a Sage draft; the score is per order. */
  @Benchmark
  @OperationsPerInvocation(PAGE)
  public int mapOrderToSageDraft() {
    int lines = 0;
    for (int i = 0; i < PAGE; i++) {
      lines += mapper.map(orders.get(i), accounts.get(i), productIds).draft().orElseThrow().salesOrder().lines().size();
    }
    return lines;
  }
}
