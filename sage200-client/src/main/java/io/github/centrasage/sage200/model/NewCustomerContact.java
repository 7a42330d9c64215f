package io.github.centrasage.sage200.model;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A contact of a new customer account ({@code customer_contact} in a request). Sage's contract marks
 * the contact's {@code name}, {@code is_default}, {@code default_email} and
 * {@code default_telephone} read-only: the name is built from the first, middle and last name, and
 * the default e-mail is the e-mail marked {@code is_default}.
 *
 * <p>Usage: {@code NewCustomerContact.builder().firstName("Ann").lastName("Lee").addEmails(ContactEmail.builder().email("ann@example.com").isDefault(true).build()).build()}
 */
@Value.Immutable
public interface NewCustomerContact {
  /** JSON {@code first_name}. */
  Optional<String> firstName();

  /** JSON {@code middle_name}. */
  Optional<String> middleName();

  /** JSON {@code last_name}. */
  Optional<String> lastName();

  /** JSON {@code emails}. */
  List<ContactEmail> emails();

  /** A new builder. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link NewCustomerContact}; get one from {@link NewCustomerContact#builder()}. */
  final class Builder extends ImmutableNewCustomerContact.Builder {
    Builder() {}
  }
}
