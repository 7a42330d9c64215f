package io.github.centrasage.sage200.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * A nominal ledger account.
 *
 * <p>Usage: {@code NominalCode.builder()…build()}
 */
@Value.Immutable
public interface NominalCode {
  /** JSON {@code id}. */
  long id();

  /** JSON {@code reference}. */
  String reference();

  /** JSON {@code name}. */
  Optional<String> name();

  /** JSON {@code cost_centre_code}. */
  Optional<String> costCentreCode();

  /** JSON {@code department_code}. */
  Optional<String> departmentCode();

  /** JSON {@code nominal_account_type}. */
  Optional<String> nominalAccountType();

  /** JSON {@code account_status_type}. */
  Optional<String> accountStatusType();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NominalCode}; get one from {@link NominalCode#builder()}. */
  final class Builder extends ImmutableNominalCode.Builder {
    Builder() {}
  }
}
