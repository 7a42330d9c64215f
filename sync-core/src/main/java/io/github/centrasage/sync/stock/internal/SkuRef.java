package io.github.centrasage.sync.stock.internal;

import io.github.centrasage.sync.store.Binding;

/** A SKU resolved on both sides: Sage product id, Centra variant and size ids. */
public record SkuRef(String sku, long sageProductId, long centraVariantId, long centraSizeId) {
  /** Entity type of the cached bindings: centraId {@code <variantId>:<sizeId>}, sageId the Sage product id, sageReference the SKU. */
  public static final String ENTITY = "sku";

  Binding toBinding() {
    return Binding.builder().entityType(ENTITY).centraId(centraVariantId + ":" + centraSizeId)
        .sageId(Long.toString(sageProductId)).sageReference(sku).build();
  }

  static SkuRef fromBinding(Binding b) {
    String[] ids = b.centraId().split(":", 2);
    return new SkuRef(b.sageReference().orElseThrow(), Long.parseLong(b.sageId()), Long.parseLong(ids[0]),
        Long.parseLong(ids[1]));
  }
}
