package io.github.centrasage.sage200;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether an error response means "the record is locked by another user". Sage does not
 * document that answer, so the client ships a default guess and lets hosts replace it once a real
 * site has shown its wording.
 *
 * <p>Usage: {@code Sage200Client.builder().recordLockMatcher((status, body) -> body.contains("LOCK"))}
 */
@FunctionalInterface
public interface RecordLockMatcher {

  /** Whether the answer with this status and raw body (never null, may be empty) is a record lock. */
  boolean isRecordLocked(int statusCode, String body);

  /**
   * The default: status 400, 409, 423 or 500 and a body that mentions, case-insensitively, "in use",
   * "locked", "being edited", "lock_id" conflicts and similar phrases.
   */
  static RecordLockMatcher defaultMatcher() {
    Set<Integer> statuses = Set.of(400, 409, 423, 500);
    List<String> phrases =
        List.of("in use", "locked", "being edited", "is being used", "record lock", "currently editing",
            "opened by another user", "in use by another");
    return (status, body) -> {
      if (!statuses.contains(status) || body == null) {
        return false;
      }
      String text = body.toLowerCase(Locale.ROOT);
      return phrases.stream().anyMatch(text::contains);
    };
  }
}
