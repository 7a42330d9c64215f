package io.github.centrasage.centra.internal;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Lazy streams over Centra's two paging styles. A page is fetched only when the stream reaches it;
 * the caller's fetch function rebuilds the same variables for every page, changing only the page
 * number or cursor.
 */
public final class PageStreams {
  private PageStreams() {}

  /**
   * {@code limit/page} lists (pages start at 1). Centra may cap {@code limit} below what was asked, so
   * the first page's row count is the real page size: an empty page, or one shorter than that, is the
   * last one. {@code pageSize} is what was asked; a first page shorter than it only sets the size.
   */
  public static <T> Stream<T> byPageNumber(int pageSize, IntFunction<List<T>> fetchPage) {
    Iterator<T> iterator = new Iterator<>() {
      private int nextPage = 1;
      private int effectivePageSize = -1;
      private List<T> previous;
      private Iterator<T> current = List.<T>of().iterator();
      private boolean exhausted;

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && !exhausted) {
          List<T> page = fetchPage.apply(nextPage++);
          if (effectivePageSize < 0) {
            effectivePageSize = Math.min(page.size(), pageSize);
          }
          // The same rows again means the server ignores "page": stop rather than loop forever.
          boolean repeated = !page.isEmpty() && page.equals(previous);
          previous = page;
          exhausted = page.isEmpty() || page.size() < effectivePageSize || repeated;
          if (repeated) {
            page = List.of();
          }
          current = page.iterator();
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next();
      }
    };
    return stream(iterator);
  }

  /** Relay connections ({@code first/after}); stops when {@code pageInfo.hasNextPage} is false. */
  public static <T> Stream<T> byCursor(Function<String, RelayConnection<T>> fetchAfter) {
    Iterator<T> iterator = new Iterator<>() {
      private String cursor;
      private Iterator<RelayEdge<T>> current = List.<RelayEdge<T>>of().iterator();
      private boolean exhausted;

      @Override
      public boolean hasNext() {
        while (!current.hasNext() && !exhausted) {
          RelayConnection<T> page = fetchAfter.apply(cursor);
          String next = page.pageInfo().endCursor().orElse(null);
          // No cursor, or the same cursor again, would loop forever: treat it as the end.
          exhausted = !page.pageInfo().hasNextPage() || next == null || next.equals(cursor);
          cursor = next;
          current = page.edges().iterator();
        }
        return current.hasNext();
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return current.next().node();
      }
    };
    return stream(iterator);
  }

  private static <T> Stream<T> stream(Iterator<T> iterator) {
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
