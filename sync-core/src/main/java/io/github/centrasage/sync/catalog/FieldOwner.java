package io.github.centrasage.sync.catalog;

/**
 * The system whose value of a {@link CatalogField} wins. {@link CatalogPublish} writes only fields
 * Sage owns, and never reads a Centra-owned field in order to write it back.
 *
 * <p>Usage: {@code FieldOwnership.builder().putOwners(CatalogField.NAME, FieldOwner.SAGE).build()}
 */
public enum FieldOwner {
  /** Sage 200 is master; a different value in Centra is put back. */
  SAGE,
  /** Centra is master; the flow leaves the field alone. */
  CENTRA
}
