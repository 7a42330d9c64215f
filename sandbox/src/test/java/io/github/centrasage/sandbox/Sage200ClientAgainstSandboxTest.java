package io.github.centrasage.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.Sage200RecordLockedException;
import io.github.centrasage.sage200.TokenProvider;
import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sage200.model.NewSalesOrderLine;
import io.github.centrasage.sage200.model.SalesOrder;
import io.github.centrasage.sage200.model.SalesOrderChange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Phase 2 seed: the real sage200-client against the Sage sandbox. */
class Sage200ClientAgainstSandboxTest {
  static final String SKU = "P00001-BLK-M";

  Sage200Sandbox sage;
  Sage200Client client;

  @BeforeEach
  void start() {
    sage = Sage200Sandbox.start();
    client = Sage200Client.builder().baseUrl(sage.baseUrl()).siteId(sage.siteId()).companyId(sage.companyId())
        .tokenProvider(TokenProvider.staticToken(sage.token())).allowPlainHttp(true).sleeper(d -> { })
        .readTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterEach
  void stop() {
    sage.close();
  }

  SalesOrder createOrder(String customerDocumentNo) {
    return client.salesOrders().create(NewSalesOrder.builder().customerId(sage.ids("customer").get("WEBGBP"))
        .customerDocumentNo(customerDocumentNo)
        .addLines(NewSalesOrderLine.builder().lineType("EnumLineTypeStandard").productId(sage.ids("product").get(SKU))
            .warehouseId(sage.ids("warehouse").get("Leeds DC")).lineQuantity(BigDecimal.valueOf(2)).build())
        .build());
  }

  @Test
  void readsReferenceData() {
    assertThat(client.sites()).singleElement().satisfies(s -> assertThat(s.siteId()).isEqualTo(sage.siteId()));
    assertThat(client.taxCodes().list(ODataQuery.all())).hasSize(5);
    assertThat(client.warehouses().list(ODataQuery.all())).hasSize(2);
    assertThat(client.banks().list(ODataQuery.all())).hasSize(2);
  }

  @Test
  void findsACreatedCustomerByAContactEmail() {
    var created = client.customers().create(io.github.centrasage.sage200.model.NewCustomer.builder().reference("WEBX01")
        .name("Ann New").addContacts(io.github.centrasage.sage200.model.CustomerContact.builder().name("Ann New")
            .addEmails(io.github.centrasage.sage200.model.ContactEmail.builder().email("ann@example.com").build())
            .build()).build());

    assertThat(client.customers().findByEmail("ann@example.com")).singleElement()
        .satisfies(c -> assertThat(c.id()).isEqualTo(created.id()));
  }

  @Test
  void createsAndFindsASalesOrderByCustomerDocumentNo() {
    SalesOrder created = createOrder("100234");

    assertThat(client.salesOrders().findByCustomerDocumentNo("100234")).singleElement()
        .satisfies(o -> assertThat(o.id()).isEqualTo(created.id()));
    assertThat(sage.holding(SKU, "Leeds DC").quantityAllocated()).isGreaterThanOrEqualTo(BigDecimal.valueOf(2));
  }

  @Test
  void readsHoldingsUpdatedSince() {
    sage.clock().set(Instant.parse("2026-02-01T00:00:00Z"));
    sage.receiveGoods(SKU, "Leeds DC", BigDecimal.ONE);

    assertThat(client.warehouseHoldings().updatedSince(Instant.parse("2026-01-31T00:00:00Z"))).hasSize(1);
  }

  @Test
  void recordLockSurfacesAsRecordLockedException() {
    SalesOrder created = createOrder("100300");
    sage.lockOrder(sage.salesOrders().get(0).documentNo());

    assertThatThrownBy(() -> client.salesOrders().update(created.id(), SalesOrderChange.builder().spareText1("x").build()))
        .isInstanceOf(Sage200RecordLockedException.class);
  }
}
