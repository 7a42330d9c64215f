package io.github.centrasage.sage200.model;

import java.util.Optional;
import org.immutables.value.Value;

/**
 * An e-mail address of a new customer contact ({@link NewCustomerContact}).
 *
 * <p>Usage: {@code ContactEmail.builder()…build()}
 */
@Value.Immutable
public interface ContactEmail {
  /** JSON {@code email}. */
  String email();

  /** JSON {@code is_default}. */
  Optional<Boolean> isDefault();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ContactEmail}; get one from {@link ContactEmail#builder()}. */
  final class Builder extends ImmutableContactEmail.Builder {
    Builder() {}
  }
}
