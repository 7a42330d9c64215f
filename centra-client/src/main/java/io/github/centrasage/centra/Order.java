package io.github.centrasage.centra;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Centra order (direct to consumer or wholesale) with what an ERP needs: totals, tax, discounts,
 * payment, addresses and lines.
 *
 * <pre>{@code
 * Order order = centra.orders().byNumber(1234).orElseThrow();
 * }</pre>
 */
@Value.Immutable
public interface Order {
  /** Centra's hash id, such as {@code "1497ccf644db871e1e4026d101bde6f3"}. */
  String id();

  long number();

  OrderStatus status();

  @Value.Default
  default boolean isOnHold() {
    return false;
  }

  @Value.Default
  default boolean isWaitingForPayment() {
    return false;
  }

  OffsetDateTime orderDate();

  Optional<OffsetDateTime> createdAt();

  Optional<StoreRef> store();

  Optional<NamedRef> market();

  Optional<NamedRef> pricelist();

  Money grandTotal();

  Optional<OrderTotals> totals();

  List<AppliedDiscount> discountsApplied();

  Optional<PaymentMethod> paymentMethod();

  List<PaymentHistoryEntry> paymentHistory();

  Optional<Address> billingAddress();

  Optional<Address> shippingAddress();

  /** Only direct-to-consumer orders have a customer. */
  Optional<Customer> customer();

  List<OrderLine> lines();

  /** ISO code of the order currency (the currency of the grand total). */
  default String currency() {
    return grandTotal().currency();
  }

  /** Centra's conversion rate of the order currency. */
  default Optional<BigDecimal> conversionRate() {
    return grandTotal().conversionRate();
  }

  /** The customer's e-mail, falling back to the billing address e-mail. */
  default Optional<String> customerEmail() {
    Optional<String> fromCustomer = customer().flatMap(Customer::email);
    return fromCustomer.isPresent() ? fromCustomer : billingAddress().flatMap(Address::email);
  }
}
