package io.github.centrasage.sync.order.internal;

import io.github.centrasage.centra.Address;
import io.github.centrasage.centra.Order;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sage200.model.ContactEmail;
import io.github.centrasage.sage200.model.Customer;
import io.github.centrasage.sage200.model.CustomerEmail;
import io.github.centrasage.sage200.model.ImmutableNewCustomer;
import io.github.centrasage.sage200.model.ImmutableNewCustomerContact;
import io.github.centrasage.sage200.model.NewCustomer;
import io.github.centrasage.sage200.model.NewCustomerContact;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.sync.integration.Mappings.CustomerStrategy;
import io.github.centrasage.sync.internal.Texts;
import io.github.centrasage.sync.order.OrderImportOptions;
import io.github.centrasage.sync.order.OrderImportOptions.ForeignAccountMatch;
import io.github.centrasage.sync.store.Binding;
import io.github.centrasage.sync.store.SyncStateStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds (or, for one account per shopper, creates) the Sage customer account of an order. A new
 * shopper's account is created once even when two of their orders are processed at the same time:
 * a store lease on the shopper's key serialises the lookup-then-create across workers and engine
 * instances, the lookup by e-mail before creating catches an earlier create whose answer was lost,
 * and the unique {@code customer} binding is the backstop.
 */
public final class CustomerResolver {
  /** The binding type of shopper accounts (a contract other flows read). */
  public static final String CUSTOMER = "customer";
  private static final Logger log = LoggerFactory.getLogger(CustomerResolver.class);
  private static final Duration CREATE_LEASE = Duration.ofMinutes(2);
  private static final int SAGE_REFERENCE_MAX = 8;

  private final OrderImportOptions options;
  /**
   * Shared accounts rarely change; caching them saves one request per order. Each entry is read again
   * after {@code sharedAccountCacheTtl}, so an account changed in Sage (on hold, another currency) is seen.
   */
  private final Map<String, CachedAccount> sharedAccounts = new ConcurrentHashMap<>();

  private record CachedAccount(SageAccount account, Instant readAt) {}

  public CustomerResolver(OrderImportOptions options) {
    this.options = options;
  }

  /** The outcome: an account, or the problem that prevents choosing one. */
  public record Resolved(Optional<SageAccount> account, Optional<String> problem) {}

  public Resolved resolve(Order order, Mappings mappings, Sage200Client sage, SyncStateStore store, String worker,
      Clock clock) {
    String market = OrderMapper.marketKey(order);
    Optional<CustomerStrategy> strategy = mappings.customerStrategy(market);
    if (strategy.isEmpty()) {
      return problem("no customer strategy for market '" + market + "'");
    }
    if (strategy.get().kind() == CustomerStrategy.Kind.SHARED_ACCOUNT) {
      String reference = strategy.get().reference();
      CachedAccount cached = sharedAccounts.get(reference);
      Instant now = clock.instant();
      if (cached != null && now.isBefore(cached.readAt().plus(options.sharedAccountCacheTtl()))) {
        return new Resolved(Optional.of(cached.account()), Optional.empty());
      }
      Optional<Customer> found = sage.customers().findByReference(reference);
      if (found.isEmpty()) {
        sharedAccounts.remove(reference);
        return problem("Sage has no customer account " + reference + " (customer strategy of market '" + market + "')");
      }
      SageAccount account = account(found.get());
      sharedAccounts.put(reference, new CachedAccount(account, now));
      return new Resolved(Optional.of(account), Optional.empty());
    }
    Optional<String> email = order.customerEmail().map(e -> e.trim().toLowerCase(Locale.ROOT)).filter(e -> !e.isEmpty());
    if (email.isEmpty()) {
      return problem("order has no customer e-mail, which one account per shopper needs");
    }
    return shopperAccount(order, email.get(), strategy.get().reference(), mappings, sage, store, worker);
  }

  private Resolved shopperAccount(Order order, String email, String prefix, Mappings mappings, Sage200Client sage,
      SyncStateStore store, String worker) {
    Optional<Binding> bound = store.bindingByCentraId(CUSTOMER, email);
    if (bound.isPresent()) {
      return found(sage.customers().get(Long.parseLong(bound.get().sageId())));
    }
    String lease = "customer:" + email;
    if (!store.tryAcquireLease(lease, worker, CREATE_LEASE)) {
      // Not a failure of this order: another worker is creating the same shopper right now.
      throw JobFailure.recordLocked("the shopper's customer account is being created by another worker (order "
          + order.number() + ")");
    }
    try {
      // Again under the lease: the holder before us may have bound the account meanwhile.
      Optional<Binding> boundMeanwhile = store.bindingByCentraId(CUSTOMER, email);
      if (boundMeanwhile.isPresent()) {
        return found(sage.customers().get(Long.parseLong(boundMeanwhile.get().sageId())));
      }
      // The shopper chooses the e-mail, so an e-mail match alone never hands them an account: only one
      // the integration owns (created by it, or under the strategy's reference prefix) is taken.
      List<Customer> existing = sage.customers().findByEmail(email);
      List<Customer> owned = existing.stream().filter(c -> owns(c, prefix, store)).toList();
      List<Customer> foreign = existing.stream().filter(c -> !owned.contains(c)).toList();
      Optional<Customer> own = owned.stream().min(Comparator.comparingLong(Customer::id));
      if (own.isEmpty() && !foreign.isEmpty() && options.foreignAccountMatch() == ForeignAccountMatch.PARK) {
        return problem("the shopper's e-mail is on Sage account " + foreign.stream().map(Customer::reference)
            .collect(Collectors.joining(", ")) + ", which this integration did not create (its reference does not start"
            + " with '" + prefix.toUpperCase(Locale.ROOT) + "'); an e-mail alone never attaches a web order to such an"
            + " account: import it to an account by hand, or set OrderImportOptions.foreignAccountMatch"
            + "(CREATE_SHOPPER_ACCOUNT) and replay");
      }
      if (own.isEmpty() && !foreign.isEmpty()) {
        log.info("Shopper's e-mail is on account(s) {} this integration does not own; creating the shopper's own (order {})",
            foreign.stream().map(Customer::reference).collect(Collectors.joining(", ")), order.number());
      }
      Customer customer = own.orElseGet(() -> create(order, email, prefix, mappings, sage));
      store.bind(Binding.builder().entityType(CUSTOMER).centraId(email).sageId(Long.toString(customer.id()))
          .sageReference(customer.reference()).build());
      return found(customer);
    } finally {
      store.releaseLease(lease, worker);
    }
  }

  /** An account the integration created (bound in the store) or one under the strategy's reference prefix. */
  private static boolean owns(Customer account, String prefix, SyncStateStore store) {
    String upper = prefix.toUpperCase(Locale.ROOT);
    return (!upper.isEmpty() && account.reference().trim().toUpperCase(Locale.ROOT).startsWith(upper))
        || store.bindingBySageId(CUSTOMER, Long.toString(account.id())).isPresent();
  }

  private static Resolved found(Customer customer) {
    return new Resolved(Optional.of(account(customer)), Optional.empty());
  }

  private Customer create(Order order, String email, String prefix, Mappings mappings, Sage200Client sage) {
    // The reference is derived from the e-mail, so a create retried after a lost answer finds its own account
    // under it (even when Sage's e-mail search does not show it yet) and adopts it; only an account of another
    // e-mail is a clash, which moves on to the next candidate.
    for (int salt = 0; salt < 20; salt++) {
      String reference = reference(prefix, email, salt);
      Optional<Customer> taken = sage.customers().findByReference(reference);
      if (taken.isPresent()) {
        if (usesEmail(sage, taken.get(), email)) {
          log.info("Adopting Sage customer account {}, created for this shopper by an earlier attempt (order {})",
              taken.get().reference(), order.number());
          return taken.get();
        }
        continue;
      }
      Address billing = order.billingAddress().or(order::shippingAddress).orElse(null);
      Optional<String> firstName = billing == null ? Optional.empty() : billing.firstName().map(String::trim).filter(s -> !s.isEmpty());
      Optional<String> lastName = billing == null ? Optional.empty() : billing.lastName().map(String::trim).filter(s -> !s.isEmpty());
      String name = String.join(" ", firstName.orElse(""), lastName.orElse("")).trim();
      if (name.isEmpty()) {
        name = email;
      }
      // Sage builds a contact's name from first_name/last_name (its own name and is_default are read-only);
      // a shopper without a name is named by the e-mail, as the account is.
      ImmutableNewCustomerContact.Builder contact = NewCustomerContact.builder()
          .addEmails(ContactEmail.builder().email(email).isDefault(true).build());
      if (firstName.isEmpty() && lastName.isEmpty()) {
        contact.lastName(atMost60(email));
      }
      firstName.map(CustomerResolver::atMost60).ifPresent(contact::firstName);
      lastName.map(CustomerResolver::atMost60).ifPresent(contact::lastName);
      ImmutableNewCustomer.Builder customer = NewCustomer.builder().reference(reference)
          .name(atMost60(name))
          .addContacts(contact.build());
      mappings.sageCurrency(order.currency()).map(Long::parseLong).ifPresent(customer::currencyId);
      Customer created = sage.customers().create(customer.build());
      log.info("Created Sage customer account {} for a new shopper (order {})", created.reference(), order.number());
      return created;
    }
    throw JobFailure.permanent("could not find a free customer reference with prefix " + prefix + " for the shopper");
  }

  /** Sage 200 keeps account and contact names to 60 characters. */
  /** Sage's 60-character limit, cut between code points (never through an emoji's surrogate pair). */
  private static String atMost60(String text) {
    return Texts.cut(text, 60);
  }

  private static boolean usesEmail(Sage200Client sage, Customer account, String email) {
    return sage.customers().contacts(account.id()).stream()
        .flatMap(c -> Stream.concat(c.defaultEmail().stream(), c.emails().stream().map(CustomerEmail::email)))
        .anyMatch(e -> e.trim().equalsIgnoreCase(email));
  }

  static String reference(String prefix, String email, int salt) {
    int room = SAGE_REFERENCE_MAX - prefix.length();
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((salt + ":" + email).getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(prefix.toUpperCase(Locale.ROOT));
      for (int i = 0; sb.length() < SAGE_REFERENCE_MAX && i < digest.length; i++) {
        sb.append(Character.toUpperCase(Character.forDigit((digest[i] & 0xff) % 36, 36)));
      }
      return room <= 0 ? Texts.cut(sb.toString(), SAGE_REFERENCE_MAX) : sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static SageAccount account(Customer c) {
    OptionalLong currency = c.currencyId();
    return new SageAccount(c.id(), c.reference(), currency);
  }

  private static Resolved problem(String problem) {
    return new Resolved(Optional.empty(), Optional.of(problem));
  }
}
