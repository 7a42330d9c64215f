package io.github.centrasage.sync.catalog.internal;

import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.CreateProductVariantRequest;
import io.github.centrasage.centra.IdConversion;
import io.github.centrasage.centra.ImmutableNewProductSize;
import io.github.centrasage.centra.NewProductSize;
import io.github.centrasage.centra.Product;
import io.github.centrasage.centra.ProductInput;
import io.github.centrasage.centra.ProductSize;
import io.github.centrasage.centra.ProductVariant;
import io.github.centrasage.sync.JobFailure;
import io.github.centrasage.sync.catalog.CatalogField;
import io.github.centrasage.sync.catalog.CatalogPublishOptions;
import io.github.centrasage.sync.catalog.SkuParts;
import io.github.centrasage.sync.catalog.internal.SizeIndex.CatalogSize;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates in Centra what a Sage item lacks there: product, variant, size, each looked up first by
 * product number, variant number and size-chart size in a catalogue read after the creation lease
 * was taken. So a repeated run, or one after a crash between two creates, completes the item
 * instead of creating a second product.
 */
public final class ProductCreator {
  private static final Logger log = LoggerFactory.getLogger(ProductCreator.class);

  private final CatalogPublishOptions options;

  public ProductCreator(CatalogPublishOptions options) {
    this.options = options;
  }

  /** The Centra size of Sage {@code item}, creating the parts Centra does not have. */
  public CatalogSize ensure(CentraClient centra, SizeIndex index, io.github.centrasage.sage200.model.Product item,
      SkuParts parts) {
    long productId = product(centra, index, item, parts);
    long variantId = variant(centra, index, productId, item, parts);
    Optional<CatalogSize> size = index.sizeOf(productId, variantId, parts.sizeName());
    if (size.isPresent()) {
      return size.get();
    }
    ProductSize created = centra.catalog().createProductSize(variantId, newSize(item, parts)).value();
    log.info("CatalogPublish created Centra size {} ({}) for Sage product {}", created.id(), parts.sizeName(), item.code());
    return index.addSize(productId, variantId, created).orElseThrow(() -> JobFailure.permanent(
        "Centra created size " + created.id() + " for Sage product " + item.code() + " without a size-chart size"));
  }

  private long product(CentraClient centra, SizeIndex index, io.github.centrasage.sage200.model.Product item, SkuParts parts) {
    List<Long> existing = index.productsNumbered(parts.productNumber());
    if (existing.size() > 1) {
      throw JobFailure.permanent("Sage product " + item.code() + ": product number " + parts.productNumber() + " is on "
          + existing.size() + " Centra products " + existing + "; make it unique in Centra");
    }
    if (existing.size() == 1) {
      return existing.get(0);
    }
    ProductInput wanted = FieldPlan.desired(List.of(item), options).build();
    var input = ProductInput.builder().from(wanted).productNumber(parts.productNumber());
    if (wanted.name().isEmpty()) {
      // Centra requires a name; when Centra owns it the merchandiser's later edit stands
      input.name(FieldPlan.productName(item).orElse(parts.productNumber()));
    }
    if (wanted.status().isEmpty()) {
      // Centra owns the status: a new product waits, inactive, for the merchandiser to launch it
      input.status(options.inactiveStatus());
    }
    Product created = centra.catalog().createProduct(input.build()).value();
    index.addProduct(created);
    log.info("CatalogPublish created Centra product {} ({}) for Sage product {}", created.id(), parts.productNumber(), item.code());
    if (options.setIdConversions()) {
      centra.idConversions().set(List.of(IdConversion.of("Product", created.id(), parts.productNumber())));
    }
    return created.id();
  }

  private long variant(CentraClient centra, SizeIndex index, long productId, io.github.centrasage.sage200.model.Product item,
      SkuParts parts) {
    Optional<Long> existing = index.variantNumbered(productId, parts.variantNumber());
    if (existing.isPresent()) {
      return existing.get();
    }
    String name = parts.variantNumber().replaceAll("^[^\\p{Alnum}]+", "");
    ProductVariant created = centra.catalog().createProductVariant(CreateProductVariantRequest.builder().productId(productId)
        .name(name.isEmpty() ? parts.productNumber() : name).variantNumber(parts.variantNumber())
        .addProductSizes(newSize(item, parts)).build()).value();
    index.addVariant(productId, created);
    log.info("CatalogPublish created Centra variant {} ({}) for Sage product {}", created.id(), parts.variantNumber(), item.code());
    if (options.setIdConversions()) {
      centra.idConversions().set(List.of(IdConversion.of("ProductVariant", created.id(),
          parts.productNumber() + parts.variantNumber())));
    }
    return created.id();
  }

  private NewProductSize newSize(io.github.centrasage.sage200.model.Product item, SkuParts parts) {
    ImmutableNewProductSize.Builder size = NewProductSize.builder().sizeName(parts.sizeName()).sizeNumber(parts.sizeNumber());
    if (options.ownership().sageOwns(CatalogField.EAN)) {
      item.barcode().filter(b -> !b.isBlank()).ifPresent(size::ean);
    }
    return size.build();
  }
}
