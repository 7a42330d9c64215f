package io.github.centrasage.sync.integration;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sync.integration.internal.ClientFailureClassifier;
import io.github.centrasage.sync.spi.FailureClassifier;
import io.github.centrasage.sync.store.SyncStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Centra tenant and one Sage 200 company joined: both clients, the state store that binds
 * their records, and the mappings between their codes. Every Centra↔Sage flow takes it in its
 * constructor; the engine gets the same store. Building it validates the mappings and claims the
 * store for this tenant and company ({@link StoreIdentity}), so a store made against a test company
 * is never used against the live one.
 *
 * <p>Usage:
 * <pre>{@code
 * Integration shop = Integration.builder().centra(centra).sage(sage).store(store).mappings(mappings).build();
 * SyncEngine engine = SyncEngine.builder().store(shop.store())
 *     .flow(new OrderImport(shop)).flow(new StockPublish(shop)).build();
 * }</pre>
 */
public final class Integration {
  private final CentraClient centra;
  private final Sage200Client sage;
  private final SyncStateStore store;
  private final Mappings mappings;

  private Integration(Builder b) {
    this.centra = b.centra;
    this.sage = b.sage;
    this.store = b.store;
    this.mappings = b.mappings;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The Centra client.
   *
   * @throws IllegalStateException if none was given (the message names the builder call)
   */
  public CentraClient centra() {
    if (centra == null) {
      throw new IllegalStateException("This Integration has no Centra client: add it with Integration.builder().centra(client)");
    }
    return centra;
  }

  /**
   * The Sage 200 client.
   *
   * @throws IllegalStateException if none was given (the message names the builder call)
   */
  public Sage200Client sage() {
    if (sage == null) {
      throw new IllegalStateException("This Integration has no Sage 200 client: add it with Integration.builder().sage(client)");
    }
    return sage;
  }

  /** The Centra client, if one was given. */
  public Optional<CentraClient> findCentra() {
    return Optional.ofNullable(centra);
  }

  /** The Sage 200 client, if one was given. */
  public Optional<Sage200Client> findSage() {
    return Optional.ofNullable(sage);
  }

  /** The state store; give the engine the same one ({@code SyncEngine.builder().store(integration.store())}). */
  public SyncStateStore store() {
    return store;
  }

  /** The validated mappings. */
  public Mappings mappings() {
    return mappings;
  }

  /**
   * How the two clients' exceptions become job outcomes (a locked Sage record waits on the lock
   * schedule, a write that may have been applied is looked up before it is retried, Centra's user
   * errors park with one reason per message). Every flow of this library returns it from
   * {@code failureClassifier()}; a flow of your own over these clients can do the same.
   */
  public FailureClassifier failureClassifier() {
    return ClientFailureClassifier.INSTANCE;
  }

  @Override
  public String toString() {
    return "Integration{centra=" + findCentra().map(c -> "yes").orElse("no") + ", sage="
        + findSage().map(s -> "company " + s.companyId()).orElse("no") + "}";
  }

  /** Builds an {@link Integration}; {@link #store} and at least one client are required. */
  public static final class Builder {
    private CentraClient centra;
    private Sage200Client sage;
    private SyncStateStore store;
    private Mappings mappings = Mappings.builder().build();

    private Builder() {}

    /** The Centra client. */
    public Builder centra(CentraClient client) {
      this.centra = Objects.requireNonNull(client, "centra");
      return this;
    }

    /** The Sage 200 client. */
    public Builder sage(Sage200Client client) {
      this.sage = Objects.requireNonNull(client, "sage");
      return this;
    }

    /** The state store (required). */
    public Builder store(SyncStateStore store) {
      this.store = Objects.requireNonNull(store, "store");
      return this;
    }

    /** The mappings (default none); validated by {@link #build()}. */
    public Builder mappings(Mappings mappings) {
      this.mappings = Objects.requireNonNull(mappings, "mappings");
      return this;
    }

    /**
     * Validates the mappings, claims the store for these clients and builds.
     *
     * @throws IllegalStateException if there is no store or no client
     * @throws MappingsInvalidException listing every mapping problem
     * @throws StoreIdentityException if the store belongs to another Centra tenant or Sage company
     */
    public Integration build() {
      List<String> missing = new ArrayList<>();
      if (store == null) {
        missing.add("a store: Integration.builder().store(...)");
      }
      if (centra == null && sage == null) {
        missing.add("a client: Integration.builder().centra(...) and/or .sage(...)");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException("Integration needs " + String.join(" and ", missing));
      }
      List<String> problems = mappings.validate();
      if (!problems.isEmpty()) {
        throw new MappingsInvalidException(problems);
      }
      StoreIdentity.claim(store, StoreIdentity.of(centra, sage));
      return new Integration(this);
    }
  }
}
