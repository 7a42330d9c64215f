package io.github.centrasage.centra;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A billing or shipping address of an order.
 *
 * <pre>{@code
 * String postcode = order.shippingAddress().flatMap(Address::zipCode).orElse("");
 * }</pre>
 */
@Value.Immutable
public interface Address {
  Optional<String> companyName();

  Optional<String> attention();

  Optional<String> firstName();

  Optional<String> lastName();

  Optional<String> address1();

  Optional<String> address2();

  Optional<String> city();

  Optional<String> stateOrProvince();

  Optional<String> zipCode();

  Optional<CodeRef> country();

  Optional<String> email();

  Optional<String> phoneNumber();

  Optional<String> cellPhoneNumber();

  Optional<String> vatNumber();
}
