package io.github.centrasage.examples;

import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.Sage200Exception;
import io.github.centrasage.sage200.SageIdCredentials;
import io.github.centrasage.sage200.SageIdTokenProvider;
import io.github.centrasage.sage200.model.NewSalesOrder;
import io.github.centrasage.sage200.model.NewSalesOrderLine;
import io.github.centrasage.sage200.model.SalesOrder;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The README's Sage 200 client example: Sage ID tokens with a persisted refresh token, an
 * idempotent order create (look up by customer document number first), and a stock delta read.
 * Compiled with the build, not run by tests; it needs a real Sage 200 tenant.
 */
public final class SageClientExample {
  private SageClientExample() {}

  public static void main(String[] args) throws Exception {
    Path refreshTokenFile = Path.of("sage-refresh-token.txt");
    SageIdTokenProvider tokens = SageIdTokenProvider.builder()
        .credentials(SageIdCredentials.of(System.getenv("SAGE_CLIENT_ID"), System.getenv("SAGE_CLIENT_SECRET")))
        .refreshToken(Files.readString(refreshTokenFile).trim())
        // Sage ID rotates refresh tokens: persist every new one before it is used.
        .onRefreshTokenRotated(token -> {
          try {
            Files.writeString(refreshTokenFile, token);
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        })
        .build();

    Sage200Client sage = Sage200Client.builder()
        .baseUrl(Sage200Client.PROFESSIONAL)
        .siteId(System.getenv("SAGE_SITE_ID"))
        .companyId(Long.parseLong(System.getenv("SAGE_COMPANY_ID")))
        .tokenProvider(tokens)
        .userAgentSuffix("example/1.0")
        .build();

    // Idempotent create: look up by the Centra order number before creating.
    String centraOrder = "CENTRA-100234";
    List<SalesOrder> existing = sage.salesOrders().findByCustomerDocumentNo(centraOrder);
    if (existing.isEmpty()) {
      try {
        SalesOrder created = sage.salesOrders().create(NewSalesOrder.builder()
            .customerId(27006)
            .customerDocumentNo(centraOrder)
            .documentDate(LocalDate.now())
            .addLines(NewSalesOrderLine.standard(31234, 1510, new BigDecimal("2"))
                .sellingUnitPrice(new BigDecimal("24.99")).build())
            .addLines(NewSalesOrderLine.charge("CARRIAGE", new BigDecimal("4.99")).build())
            .build());
        System.out.println("created " + created.documentNo().orElse("?"));
      } catch (Sage200Exception e) {
        // After a timeout the order may exist: look it up again before any new attempt.
        System.out.println("failed; look up first: " + e.requiresLookupBeforeRetry() + " " + e.getMessage());
      }
    }

    // Stock changed in the last hour, paged lazily by id.
    sage.warehouseHoldings().updatedSince(Instant.now().minus(1, ChronoUnit.HOURS))
        .forEach(h -> System.out.println(h.productId() + "@" + h.warehouseId() + ": " + h.freeStockAvailable()));

    // Any typed OData query; values are escaped, never concatenated.
    sage.customers().list(ODataQuery.builder().filter(ODataFilter.startsWith("reference", "WEB")).top(10).build())
        .forEach(c -> System.out.println(c.reference() + " " + c.name().orElse("")));
  }
}
