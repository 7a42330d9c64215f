package io.github.centrasage.sage200.model;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A bank account (also a payment-gateway clearing account).
 *
 * <p>Usage: {@code Bank.builder()…build()}
 */
@Value.Immutable
public interface Bank {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code code}. */
  String code();

  /** JSON {@code description}. */
  Optional<String> description();

  /** JSON {@code sort_code}. */
  Optional<String> sortCode();

  /** JSON {@code account_no}. */
  Optional<String> accountNo();

  /** JSON {@code account_type}. */
  Optional<String> accountType();

  /** JSON {@code account_status_type}. */
  Optional<String> accountStatusType();

  /** JSON {@code account_currency_id}. */
  OptionalLong accountCurrencyId();

  /** JSON {@code balance}. */
  Optional<BigDecimal> balance();

  /** JSON {@code bank_account_nominal_reference}. */
  Optional<String> bankAccountNominalReference();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Bank}; get one from {@link Bank#builder()}. */
  final class Builder extends ImmutableBank.Builder {
    Builder() {}
  }
}
