package io.github.centrasage.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ODataQueryTest {
  static final List<Map<String, Object>> ROWS = List.of(
      Rows.row("id", 1L, "code", "O'Brien", "qty", new BigDecimal("5"), "when", Instant.parse("2026-01-01T10:00:00Z"), "note", null, "live", true),
      Rows.row("id", 2L, "code", "ABC", "qty", new BigDecimal("0.5"), "when", Instant.parse("2026-01-02T10:00:00Z"), "note", "x", "live", false),
      Rows.row("id", 3L, "code", "abd", "qty", new BigDecimal("12"), "when", Instant.parse("2026-01-03T10:00:00Z"), "note", null, "live", true));

  static List<Object> ids(String filter) {
    return ODataQuery.parse(Map.of("$filter", filter)).apply(ROWS).stream().map(r -> r.get("id")).toList();
  }

  @Test
  void evaluatesComparisonsBooleansAndPrecedence() {
    assertThat(ids("code eq 'O''Brien'")).containsExactly(1L);
    assertThat(ids("qty gt 1 and qty le 12")).containsExactly(1L, 3L);
    assertThat(ids("qty lt 1 or id eq 3 and live eq true")).containsExactly(2L, 3L);
    assertThat(ids("(qty lt 1 or id eq 3) and not (live eq false)")).containsExactly(3L);
    assertThat(ids("note eq null")).containsExactly(1L, 3L);
    assertThat(ids("note ne null")).containsExactly(2L);
    assertThat(ids("qty ge -1.5")).containsExactly(1L, 2L, 3L);
  }

  @Test
  void evaluatesStringFunctionsAndDateTimes() {
    assertThat(ids("startswith(code,'ab')")).containsExactly(2L, 3L);
    assertThat(ids("contains(code, 'bri')")).containsExactly(1L);
    assertThat(ids("when gt 2026-01-01T10:00:00Z")).containsExactly(2L, 3L);
    assertThat(ids("when ge 2026-01-02")).containsExactly(2L, 3L);
  }

  @Test
  void answersAnInListOfKeysLikeTheComparisonsItStandsFor() {
    // three or more "eq" on one field take a set lookup; the answers must not change
    assertThat(ids("id eq 1 or id eq 3 or id eq 7")).containsExactly(1L, 3L);
    assertThat(ids("qty eq 5.00 or qty eq 0.50 or qty eq 7")).as("numbers by value, not scale").containsExactly(1L, 2L);
    assertThat(ids("code eq 'ABC' or code eq 'abd' or code eq 'O''Brien'")).containsExactly(1L, 2L, 3L);
    assertThat(ids("code eq 'abc' or code eq 'x' or code eq 'y'")).as("text is compared exactly").isEmpty();
    assertThat(ids("note eq 'x' or note eq 'y' or note eq 'z'")).as("nulls match nothing").containsExactly(2L);
    assertThat(ids("id eq '2' or id eq '3' or id eq '9'")).as("a number against text falls back").containsExactly(2L, 3L);
    assertThat(ids("when eq '2026-01-02T10:00:00Z' or when eq '2026-01-03T10:00:00Z' or when eq '2027-01-01T00:00:00Z'"))
        .as("dates against text fall back").containsExactly(2L, 3L);
    assertThat(ids("id eq 1 or code eq 'ABC' or id eq 3")).as("mixed fields").containsExactly(1L, 2L, 3L);
    assertThatThrownBy(() -> ids("nope eq 1 or nope eq 2 or nope eq 3")).hasMessageContaining("nope");
  }

  @Test
  void sortsPagesAndSelects() {
    var rows = ODataQuery.parse(Map.of("$orderby", "live desc, qty asc", "$top", "2", "$skip", "1", "$select", "id,qty"))
        .apply(ROWS);

    assertThat(rows).containsExactly(Map.of("id", 3L, "qty", new BigDecimal("12")), Map.of("id", 2L, "qty", new BigDecimal("0.5")));
  }

  @Test
  void aKeysetPageOverRowsInIdOrderStopsReadingOnceFull() {
    List<Map<String, Object>> table = new ArrayList<>();
    for (long id = 1; id <= 1000; id++) {
      table.add(Rows.row("id", id, "even", id % 2 == 0));
    }
    int[] read = {0};
    Iterable<Map<String, Object>> counted = () -> table.stream().peek(r -> read[0]++).iterator();

    var page = ODataQuery.parse(Map.of("$filter", "id gt 100 and even eq true", "$orderby", "id asc", "$top", "5"))
        .apply(counted, true);

    assertThat(page).extracting(r -> r.get("id")).containsExactly(102L, 104L, 106L, 108L, 110L);
    assertThat(read[0]).as("rows read").isEqualTo(110);

    read[0] = 0;
    var descending = ODataQuery.parse(Map.of("$filter", "even eq true", "$orderby", "id desc", "$top", "2"))
        .apply(counted, true);
    assertThat(descending).as("another order still sorts every match").extracting(r -> r.get("id"))
        .containsExactly(1000L, 998L);
    assertThat(read[0]).isEqualTo(1000);
  }

  @Test
  void rejectsBadInputWithAMessageNamingIt() {
    assertThatThrownBy(() -> ids("nope eq 1")).isInstanceOf(BadRequest.class).hasMessageContaining("nope");
    assertThatThrownBy(() -> ids("code eq 'open")).isInstanceOf(BadRequest.class).hasMessageContaining("Syntax error");
    assertThatThrownBy(() -> ODataQuery.parse(Map.of("$top", "5001"))).hasMessageContaining("5000");
    assertThatThrownBy(() -> ODataQuery.parse(Map.of("$skip", "-1"))).hasMessageContaining("$skip");
    assertThatThrownBy(() -> ODataQuery.parse(Map.of("$orderby", "id sideways"))).hasMessageContaining("$orderby");
    assertThatThrownBy(() -> ODataQuery.parse(Map.of("$frobnicate", "1"))).hasMessageContaining("$frobnicate");
  }
}
