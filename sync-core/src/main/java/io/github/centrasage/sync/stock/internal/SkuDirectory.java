package io.github.centrasage.sync.stock.internal;

import io.github.centrasage.sync.integration.Integration;
import io.github.centrasage.centra.CentraClient;
import io.github.centrasage.centra.Product;
import io.github.centrasage.centra.ProductSize;
import io.github.centrasage.centra.ProductVariant;
import io.github.centrasage.sage200.ODataFilter;
import io.github.centrasage.sage200.ODataQuery;
import io.github.centrasage.sage200.Sage200Client;
import io.github.centrasage.sync.store.BindingConflictException;
import io.github.centrasage.sync.store.Binding;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves SKUs to Sage product ids and Centra (variant, size) ids: memory first, then the
 * {@code "sku"} bindings, then Sage products and Centra's catalogue for whatever is still missing,
 * binding what it finds. A SKU that one side does not know is reported with a reason.
 *
 * <p>Memory is bounded: the caches keep the {@code cacheSize} most recently used entries (the
 * bindings in the store are the lasting record). The catalogue is read through one cursor that
 * carries on from where the previous lookup stopped, so a first pass over a catalogue whose
 * batches follow Centra's order reads each catalogue page about once instead of from the first
 * page for every batch.
 */
public final class SkuDirectory {
  private static final Logger log = LoggerFactory.getLogger(SkuDirectory.class);
  /** Keys per OData {@code or} query; keeps URLs well under common 8 KB limits. */
  private static final int LOOKUP_CHUNK = 50;

  /** Entries per cache: a few batches' worth of look-ahead, a few MB at most, whatever the catalogue's size. */
  static final int DEFAULT_CACHE_SIZE = 20_000;

  private final Map<String, SkuRef> bySku;
  private final Map<Long, String> codeByProductId;
  /** The Centra (variant, size) of SKUs the catalogue cursor passed, so one page serves many batches. */
  private final Map<String, long[]> centraBySku;
  /** Guards {@link #cursor}: one catalogue read at a time, so concurrent batches share its pages. */
  private final Object scanLock = new Object();
  private CatalogueCursor cursor;

  /** With caches of {@link #DEFAULT_CACHE_SIZE} entries. */
  public SkuDirectory() {
    this(DEFAULT_CACHE_SIZE);
  }

  /** With caches of at most {@code cacheSize} entries each. */
  SkuDirectory(int cacheSize) {
    if (cacheSize < 1) {
      throw new IllegalArgumentException("cacheSize must be positive, was " + cacheSize);
    }
    bySku = lru(cacheSize);
    codeByProductId = lru(cacheSize);
    centraBySku = lru(cacheSize);
  }

  /** Entries held in memory across the three caches (for tests of the bound). */
  int cachedEntries() {
    return bySku.size() + codeByProductId.size() + centraBySku.size();
  }

  private static <K, V> Map<K, V> lru(int capacity) {
    return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    });
  }

  /** What {@link #resolve} found. */
  public record Resolution(Map<String, SkuRef> known, Map<String, String> unknown) {}

  /**
   * Resolves {@code skus}; {@code productIdHints} may give Sage product ids already known (from
   * holdings), saving a Sage lookup.
   */
  public Resolution resolve(Integration ctx, Collection<String> skus, Map<String, Long> productIdHints) {
    Map<String, SkuRef> known = new LinkedHashMap<>();
    Map<String, String> unknown = new LinkedHashMap<>();
    Map<String, Long> productIds = new LinkedHashMap<>();
    List<String> withoutProductId = new ArrayList<>();
    for (String sku : new LinkedHashSet<>(skus)) {
      SkuRef cached = bySku.get(sku);
      if (cached != null) {
        known.put(sku, cached);
      } else if (productIdHints.containsKey(sku)) {
        productIds.put(sku, productIdHints.get(sku));
      } else {
        withoutProductId.add(sku);
      }
    }
    if (!withoutProductId.isEmpty()) {
      Sage200Client sage = ctx.sage();
      Map<String, Long> found = new HashMap<>();
      for (List<String> chunk : chunks(withoutProductId)) {
        sage.products().list(ODataQuery.where(ODataFilter.in("code", chunk)))
            .forEach(p -> found.put(p.code(), p.id()));
      }
      for (String sku : withoutProductId) {
        Long id = found.get(sku);
        if (id == null) {
          unknown.put(sku, "SKU " + sku + " is not a Sage 200 product code");
        } else {
          productIds.put(sku, id);
        }
      }
    }
    Map<String, Long> needCentra = new LinkedHashMap<>();
    productIds.forEach((sku, productId) -> {
      Optional<Binding> b = ctx.store().bindingBySageId(SkuRef.ENTITY, Long.toString(productId));
      if (b.isPresent() && b.get().sageReference().filter(sku::equals).isPresent()) {
        SkuRef ref = SkuRef.fromBinding(b.get());
        remember(ref);
        known.put(sku, ref);
      } else {
        needCentra.put(sku, productId);
      }
    });
    if (!needCentra.isEmpty()) {
      Map<String, long[]> sizes = new HashMap<>();
      Set<String> scan = new HashSet<>();
      needCentra.keySet().forEach(sku -> {
        long[] ids = centraBySku.get(sku);
        if (ids != null) {
          sizes.put(sku, ids);
        } else {
          scan.add(sku);
        }
      });
      if (!scan.isEmpty()) {
        sizes.putAll(centraSizes(ctx.centra(), scan));
      }
      needCentra.forEach((sku, productId) -> {
        long[] ids = sizes.get(sku);
        if (ids == null) {
          unknown.put(sku, "SKU " + sku + " has no Centra product size (add it in Centra, or set the SKU on the size)");
          return;
        }
        known.put(sku, link(ctx, sku, productId, ids[0], ids[1]));
      });
    }
    return new Resolution(known, unknown);
  }

  /**
   * Links Sage product {@code sageProductId} (code {@code sku}) to the Centra size ({@code variantId},
   * {@code sizeId}) as a {@code "sku"} binding. A fresh Centra catalogue wins over an older link of
   * the same Sage product (the SKU moved in Centra) and over one of the same size.
   */
  public SkuRef link(Integration ctx, String sku, long sageProductId, long variantId, long sizeId) {
    SkuRef ref = new SkuRef(sku, sageProductId, variantId, sizeId);
    Binding wanted = ref.toBinding();
    Optional<Binding> current = ctx.store().bindingByCentraId(SkuRef.ENTITY, wanted.centraId());
    if (current.isPresent() && current.get().sageId().equals(wanted.sageId())
        && current.get().sageReference().equals(wanted.sageReference())) {
      remember(ref); // already linked: no store write, so a repeated pass stays read-only
      return ref;
    }
    try {
      ctx.store().bind(wanted);
    } catch (BindingConflictException e) {
      ctx.store().bindingBySageId(SkuRef.ENTITY, Long.toString(sageProductId))
          .ifPresent(old -> ctx.store().unbind(SkuRef.ENTITY, old.centraId()));
      ctx.store().bind(wanted);
    }
    remember(ref);
    return ref;
  }

  /** Every size of Centra's catalogue, read in one full pass; also refreshes what {@link #resolve} knows of Centra. */
  public List<CentraSize> catalogue(Integration ctx) {
    List<CentraSize> all = readCatalogue(ctx.centra());
    all.forEach(s -> s.sku().ifPresent(sku -> centraBySku.put(sku, new long[] {s.variantId(), s.sizeId()})));
    return all;
  }

  /** Every size of Centra's catalogue (those with a size-chart size), in one full pass. */
  public static List<CentraSize> readCatalogue(CentraClient centra) {
    List<CentraSize> all = new ArrayList<>();
    try (Stream<Product> products = centra.catalog().products()) {
      products.forEach(p -> {
        for (ProductVariant v : p.variants()) {
          for (ProductSize s : v.productSizes()) {
            s.size().ifPresent(chart -> all.add(new CentraSize(p.id(), v.id(), chart.id(), s.sku(), s.ean())));
          }
        }
      });
    }
    return all;
  }

  /** One Centra size as a catalogue pass saw it: product, variant and size-chart size ids, SKU and EAN. */
  public record CentraSize(long productId, long variantId, long sizeId, Optional<String> sku, Optional<String> ean) {
    /** The {@code "sku"} binding's centraId of this size. */
    public String bindingId() {
      return variantId + ":" + sizeId;
    }
  }

  /** The Sage product codes (SKUs) of product ids, from memory, bindings, then Sage; ids Sage does not know are absent. */
  public Map<Long, String> productCodes(Integration ctx, Collection<Long> productIds) {
    Map<Long, String> codes = new HashMap<>();
    List<Long> missing = new ArrayList<>();
    for (Long id : new HashSet<>(productIds)) {
      String code = codeByProductId.get(id);
      if (code == null) {
        code = ctx.store().bindingBySageId(SkuRef.ENTITY, Long.toString(id))
            .flatMap(Binding::sageReference).orElse(null);
      }
      if (code != null) {
        codes.put(id, code);
        codeByProductId.put(id, code);
      } else {
        missing.add(id);
      }
    }
    if (!missing.isEmpty()) {
      Sage200Client sage = ctx.sage();
      for (List<Long> chunk : chunks(missing)) {
        sage.products().list(ODataQuery.where(ODataFilter.in("id", chunk))).forEach(p -> {
          codes.put(p.id(), p.code());
          codeByProductId.put(p.id(), p.code());
        });
      }
    }
    return codes;
  }

  /**
   * Drops {@code ref} (memory and its {@code "sku"} binding) after Centra refused its ids, so the
   * next {@link #resolve} looks the SKU up in Centra's catalogue again.
   */
  public void forget(Integration ctx, SkuRef ref) {
    bySku.remove(ref.sku(), ref);
    centraBySku.remove(ref.sku());
    ctx.store().bindingByCentraId(SkuRef.ENTITY, ref.centraVariantId() + ":" + ref.centraSizeId())
        .filter(b -> b.sageId().equals(Long.toString(ref.sageProductId())))
        .ifPresent(b -> ctx.store().unbind(SkuRef.ENTITY, b.centraId()));
  }

  private void remember(SkuRef ref) {
    bySku.put(ref.sku(), ref);
    codeByProductId.put(ref.sageProductId(), ref.sku());
  }

  /**
   * Finds {@code wanted} in Centra's catalogue, reading on from where the previous lookup stopped and,
   * at the end, from the first page up to where this lookup began: at most one full pass per call,
   * and one pass in all when successive calls ask for SKUs in catalogue order.
   */
  private Map<String, long[]> centraSizes(CentraClient centra, Set<String> wanted) {
    Map<String, long[]> found = new HashMap<>();
    synchronized (scanLock) {
      // another batch's read may have passed these SKUs while this one waited for the lock
      for (String sku : wanted) {
        long[] ids = centraBySku.get(sku);
        if (ids != null) {
          found.put(sku, ids);
        }
      }
      if (found.size() < wanted.size() && cursor != null) {
        long stopAt = cursor.position;
        scan(wanted, found, Long.MAX_VALUE); // on to the end of the catalogue
        if (found.size() < wanted.size()) {
          cursor = new CatalogueCursor(centra.catalog().products());
          scan(wanted, found, stopAt); // then round to where this lookup began
        }
      } else if (found.size() < wanted.size()) {
        cursor = new CatalogueCursor(centra.catalog().products());
        scan(wanted, found, Long.MAX_VALUE);
      }
    }
    log.debug("Resolved {} of {} SKUs from the Centra catalogue", found.size(), wanted.size());
    return found;
  }

  /** Advances {@link #cursor} until every wanted SKU is found, the catalogue ends or {@code limit} products were read. */
  private void scan(Set<String> wanted, Map<String, long[]> found, long limit) {
    try {
      while (found.size() < wanted.size() && cursor.position < limit && cursor.products.hasNext()) {
        Product product = cursor.products.next();
        cursor.position++;
        for (ProductVariant v : product.variants()) {
          for (ProductSize s : v.productSizes()) {
            if (s.sku().isPresent() && s.size().isPresent()) {
              long[] ids = {v.id(), s.size().get().id()};
              centraBySku.put(s.sku().get(), ids);
              if (wanted.contains(s.sku().get())) {
                found.put(s.sku().get(), ids);
              }
            }
          }
        }
      }
    } catch (RuntimeException e) {
      // a failed page is not fetched again by the same stream: the next lookup starts a fresh one
      closeCursor();
      throw e;
    }
    if (!cursor.products.hasNext()) {
      closeCursor();
    }
  }

  private void closeCursor() {
    if (cursor != null) {
      cursor.stream.close();
      cursor = null;
    }
  }

  /** An open read of Centra's catalogue and how many products it has returned. */
  private static final class CatalogueCursor {
    final Stream<Product> stream;
    final Iterator<Product> products;
    long position;

    CatalogueCursor(Stream<Product> stream) {
      this.stream = stream;
      this.products = stream.iterator();
    }
  }

  /** {@code all} in slices small enough for one OData {@code in} query each. */
  public static <T> List<List<T>> chunks(List<T> all) {
    List<List<T>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += LOOKUP_CHUNK) {
      out.add(all.subList(i, Math.min(all.size(), i + LOOKUP_CHUNK)));
    }
    return out;
  }
}
