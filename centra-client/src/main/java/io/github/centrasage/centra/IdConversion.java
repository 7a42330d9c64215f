package io.github.centrasage.centra;

import org.immutables.value.Value;

/**
 * One entry of the integration's ID conversion table: (object type, Centra id) ↔ your external id.
 *
 * <pre>{@code
 * centra.idConversions().set(List.of(IdConversion.of("ProductVariant", 1445, "SAGE-ABC")));
 * }</pre>
 */
@Value.Immutable
public interface IdConversion {
  /** A value of Centra's {@code IdConversionEntryObjectType} enum, such as {@code Market}. */
  String objectType();

  long internalId();

  /** Any UTF-8 text up to 255 characters. */
  String externalId();

  static IdConversion of(String objectType, long internalId, String externalId) {
    return ImmutableIdConversion.builder().objectType(objectType).internalId(internalId).externalId(externalId).build();
  }

  @Value.Check
  default void check() {
    if (externalId().isEmpty() || externalId().length() > 255) {
      throw new IllegalArgumentException("IdConversion.externalId must be 1 to 255 characters, was "
          + externalId().length() + " (" + objectType() + " " + internalId() + ")");
    }
  }
}
