package io.github.centrasage.sync.store;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.time.Instant;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One entry of the identity map between a Centra entity and its Sage 200 counterpart, with sync
 * metadata. Within an entity type both ids are unique: a Centra id maps to one Sage id and back.
 *
 * <p>Usage: {@code store.bind(Binding.builder().entityType("order").centraId("1234").sageId("5501").sageReference("0000012").build())}.
 */
@Value.Immutable
@SyncStyle
public abstract class Binding {
  /** What kind of entity ({@code order}, {@code customer}, {@code sku}, {@code shipment}…). */
  public abstract String entityType();

  /** The Centra side id (order number, variant id, …). */
  public abstract String centraId();

  /** The Sage side id. */
  public abstract String sageId();

  /** A Sage reference a person recognises (document number, account reference), if any. */
  public abstract Optional<String> sageReference();

  /** Version of the source the binding was last synced from (timestamp, hash…), if tracked. */
  public abstract Optional<String> sourceVersion();

  /** When the binding was last written; set by the store. */
  public abstract Optional<Instant> syncedAt();

  @Value.Check
  protected void check() {
    if (entityType().isBlank() || centraId().isBlank() || sageId().isBlank()) {
      throw new IllegalArgumentException(
          "Binding needs a non-blank entityType, centraId and sageId: " + this);
    }
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link Binding}. */
  public static final class Builder extends ImmutableBinding.Builder {
    Builder() {}
  }
}
