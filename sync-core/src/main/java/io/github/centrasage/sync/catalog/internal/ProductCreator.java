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
import java.util.Set;
import java.util.stream.Collectors;
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

  /**
   * The Centra size of Sage {@code item}, creating the parts Centra does not have; a product it
   * creates is created inactive and its id added to {@code created}, for the caller to activate
   * once its sizes and prices are in.
   */
  public CatalogSize ensure(CentraClient centra, SizeIndex index, io.github.centrasage.sage200.model.Product item,
      SkuParts parts, Set<Long> createdProducts) {
    long productId = product(centra, index, item, parts, createdProducts);
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

  private long product(CentraClient centra, SizeIndex index, io.github.centrasage.sage200.model.Product item, SkuParts parts,
      Set<Long> createdIds) {
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
    // created inactive whoever owns the status: shoppers never see it without its sizes and prices;
    // CatalogPublish activates it last (Sage-owned status), else it waits for the merchandiser
    input.status(options.inactiveStatus());
    Product created = centra.catalog().createProduct(input.build()).value();
    index.addProduct(created);
    createdIds.add(created.id());
    log.info("CatalogPublish created Centra product {} ({}) for Sage product {}", created.id(), parts.productNumber(), item.code());
    if (options.setIdConversions()) {
      centra.idConversions().set(List.of(IdConversion.of("Product", created.id(), parts.productNumber())));
    }
    return created.id();
  }

  private long variant(CentraClient centra, SizeIndex index, long productId, io.github.centrasage.sage200.model.Product item,
      SkuParts parts) {
    Optional<Long> existing = existingVariant(index, productId, item, parts);
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

  /**
   * The variant of the product Centra already has for {@code parts}, matched by what Centra has
   * rather than by the splitter's spelling: the same variant number; else a variant one of whose
   * sizes has a SKU that, less its size number, is the Sage code less its size part (the variant's
   * SKU stem); else the same number or name ignoring case and punctuation ({@code -BLK}, {@code BLK},
   * {@code blk}). Two candidates match none, so a variant is never guessed.
   */
  static Optional<Long> existingVariant(SizeIndex index, long productId, io.github.centrasage.sage200.model.Product item,
      SkuParts parts) {
    Optional<Long> exact = index.variantNumbered(productId, parts.variantNumber());
    if (exact.isPresent()) {
      return exact;
    }
    String stem = item.code().endsWith(parts.sizeNumber())
        ? item.code().substring(0, item.code().length() - parts.sizeNumber().length()) : null;
    if (stem != null) {
      Set<Long> byStem = index.sizesOf(productId).stream()
          .filter(s -> s.sku().isPresent() && s.sizeNumber().isPresent() && s.sku().get().endsWith(s.sizeNumber().get())
              && s.sku().get().substring(0, s.sku().get().length() - s.sizeNumber().get().length()).equals(stem))
          .map(CatalogSize::variantId).collect(Collectors.toSet());
      if (byStem.size() == 1) {
        return Optional.of(byStem.iterator().next());
      }
    }
    String wanted = normalised(parts.variantNumber());
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    Set<Long> byName = index.variantsOf(productId).stream()
        .filter(v -> v.variantNumber().map(ProductCreator::normalised).filter(wanted::equals).isPresent()
            || v.name().map(ProductCreator::normalised).filter(wanted::equals).isPresent())
        .map(ProductVariant::id).collect(Collectors.toSet());
    return byName.size() == 1 ? Optional.of(byName.iterator().next()) : Optional.empty();
  }

  private static String normalised(String s) {
    return s.replaceAll("[^\\p{Alnum}]", "").toLowerCase(java.util.Locale.ROOT);
  }

  private NewProductSize newSize(io.github.centrasage.sage200.model.Product item, SkuParts parts) {
    ImmutableNewProductSize.Builder size = NewProductSize.builder().sizeName(parts.sizeName()).sizeNumber(parts.sizeNumber());
    if (options.ownership().sageOwns(CatalogField.EAN)) {
      item.barcode().filter(b -> !b.isBlank()).ifPresent(size::ean);
    }
    return size.build();
  }
}
