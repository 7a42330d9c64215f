package io.github.centrasage.sync.catalog;

import io.github.centrasage.sync.spi.internal.SyncStyle;
import java.util.Map;
import org.immutables.value.Value;

/**
 * The declared split of the item record between Sage 200 and Centra: every {@link CatalogField}
 * has its {@link CatalogField#defaultOwner() default owner} unless {@link #owners()} overrides it.
 *
 * <p>Usage: {@code FieldOwnership.builder().putOwners(CatalogField.VARIANT_PRICES, FieldOwner.SAGE).build()}
 */
@Value.Immutable
@SyncStyle
public abstract class FieldOwnership {
  /** Overrides of the default owners. */
  public abstract Map<CatalogField, FieldOwner> owners();

  /** Who owns {@code field}. */
  public FieldOwner owner(CatalogField field) {
    return owners().getOrDefault(field, field.defaultOwner());
  }

  /** Whether Sage owns {@code field}, so the flow may write it. */
  public boolean sageOwns(CatalogField field) {
    return owner(field) == FieldOwner.SAGE;
  }

  /** The default split (Sage: SKU, EAN, weight, origin, commodity code, status, prices; Centra: the rest). */
  public static FieldOwnership defaults() {
    return builder().build();
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link FieldOwnership}. */
  public static final class Builder extends ImmutableFieldOwnership.Builder {
    Builder() {}
  }
}
