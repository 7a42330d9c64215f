package io.github.centrasage.sage200.model;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/**
 * A customer account to create ({@code POST /customers}); {@code reference} is at most 8 characters and may be left out where Sage generates references.
 *
 * <p>Usage: {@code NewCustomer.builder()…build()}
 */
@Value.Immutable
public interface NewCustomer extends CustomerAccountFields {
  /** JSON {@code reference}. */
  Optional<String> reference();

  /** JSON {@code name}. */
  String name();

  /** JSON {@code payment_terms_basis}. */
  Optional<String> paymentTermsBasis();

  /** JSON {@code payment_terms_days}. */
  OptionalLong paymentTermsDays();

  /** JSON {@code analysis_code_1}. */
  Optional<String> analysisCode1();

  /** JSON {@code analysis_code_2}. */
  Optional<String> analysisCode2();

  /** JSON {@code analysis_code_3}. */
  Optional<String> analysisCode3();

  /** JSON {@code main_address}. */
  Optional<NewAddress> mainAddress();

  /** JSON {@code contacts} ({@code is_default} is read-only: Sage picks the default contact). */
  List<NewCustomerContact> contacts();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  @Value.Check
  default void check() {
    reference().ifPresent(v -> SageModelChecks.maxLength("NewCustomer", "reference", v, 8));
    SageModelChecks.maxLength("NewCustomer", "name", name(), 60);
    shortName().ifPresent(v -> SageModelChecks.maxLength("NewCustomer", "short_name", v, 8));
  }

  /** Builds a {@link NewCustomer}; get one from {@link NewCustomer#builder()}. */
  final class Builder extends ImmutableNewCustomer.Builder {
    Builder() {}
  }
}
