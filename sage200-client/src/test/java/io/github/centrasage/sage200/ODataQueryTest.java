package io.github.centrasage.sage200;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ODataQueryTest {

  @Test
  void rendersEveryComparisonOperator() {
    assertThat(ODataFilter.eq("reference", "ACME01").render()).isEqualTo("reference eq 'ACME01'");
    assertThat(ODataFilter.ne("id", 5L).render()).isEqualTo("id ne 5");
    assertThat(ODataFilter.gt("id", 5).render()).isEqualTo("id gt 5");
    assertThat(ODataFilter.ge("credit_limit", new BigDecimal("1E+3")).render()).isEqualTo("credit_limit ge 1000");
    assertThat(ODataFilter.lt("document_date", LocalDate.of(2016, 2, 23)).render())
        .isEqualTo("document_date lt 2016-02-23");
    assertThat(ODataFilter.le("on_hold", false).render()).isEqualTo("on_hold le false");
  }

  @Test
  void combinesWithBracketsSoPrecedenceHolds() {
    ODataFilter filter = ODataFilter.eq("a", 1).or(ODataFilter.eq("b", 2)).and(ODataFilter.not(ODataFilter.eq("c", 3)));
    assertThat(filter.render()).isEqualTo("(a eq 1 or b eq 2) and not (c eq 3)");
  }

  @Test
  void rendersFunctions() {
    assertThat(ODataFilter.contains("name", "Doe").render()).isEqualTo("contains(name,'Doe')");
    assertThat(ODataFilter.startsWith("code", "TS-").render()).isEqualTo("startswith(code,'TS-')");
  }

  @Test
  void rendersDateTimesInUtcWithZ() {
    OffsetDateTime local = OffsetDateTime.of(2016, 2, 24, 10, 52, 11, 452_000_000, ZoneOffset.ofHours(1));
    assertThat(ODataFilter.gt("date_time_updated", local).render())
        .isEqualTo("date_time_updated gt 2016-02-24T09:52:11.452Z");
    assertThat(ODataFilter.gt("date_time_updated", Instant.parse("2025-03-01T10:00:00Z")).render())
        .isEqualTo("date_time_updated gt 2025-03-01T10:00:00Z");
  }

  @Test
  void hostileStringStaysOneLiteral() {
    String hostile = "1' or id gt 0 or '1";
    String rendered = ODataFilter.eq("customer_document_no", hostile).render();
    assertThat(rendered).isEqualTo("customer_document_no eq '1'' or id gt 0 or ''1'");
    // Every quote inside the literal is doubled, so the literal only ends at the final quote.
    String inner = rendered.substring("customer_document_no eq '".length(), rendered.length() - 1);
    assertThat(inner.replace("''", "")).doesNotContain("'");
  }

  @Test
  void hostileValuesInFunctionsAndListsAreEscapedToo() {
    assertThat(ODataFilter.contains("name", "x') or (1 eq 1").render()).isEqualTo("contains(name,'x'') or (1 eq 1')");
    assertThat(ODataFilter.in("customer_document_no", List.of("A'B", "C")).render())
        .isEqualTo("customer_document_no eq 'A''B' or customer_document_no eq 'C'");
  }

  @Test
  void rejectsFieldNamesThatAreNotPlainIdentifiers() {
    assertThatThrownBy(() -> ODataFilter.eq("id eq 1 or id", 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field name");
    assertThatThrownBy(() -> ODataQuery.builder().select("id,name")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ODataQuery.builder().orderByAscending("id desc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ODataQuery.builder().expand("lines)")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsValueTypesWithoutASafeLiteral() {
    assertThatThrownBy(() -> ODataFilter.eq("id", new Object()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no OData literal");
    assertThatThrownBy(() -> ODataFilter.eq("value", 1.5d)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void topIsBoundedBySagesLimit() {
    assertThat(ODataQuery.builder().top(5000).build().toParameters()).containsEntry("$top", "5000");
    assertThatThrownBy(() -> ODataQuery.builder().top(5001)).hasMessageContaining("5000");
    assertThatThrownBy(() -> ODataQuery.builder().top(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ODataQuery.builder().skip(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void buildsAllOptionsInOrder() {
    ODataQuery query = ODataQuery.builder()
        .filter(ODataFilter.eq("reference", "ACME01"))
        .select("id", "customer.name")
        .orderByAscending("id").orderByDescending("name")
        .top(10).skip(20)
        .expand("lines", "customer")
        .build();
    assertThat(query.toParameters()).containsExactly(
        org.assertj.core.api.Assertions.entry("$filter", "reference eq 'ACME01'"),
        org.assertj.core.api.Assertions.entry("$select", "id,customer.name"),
        org.assertj.core.api.Assertions.entry("$orderby", "id asc,name desc"),
        org.assertj.core.api.Assertions.entry("$top", "10"),
        org.assertj.core.api.Assertions.entry("$skip", "20"),
        org.assertj.core.api.Assertions.entry("$expand", "lines,customer"));
  }
}
