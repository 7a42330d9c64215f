package io.github.centrasage.sandbox;

import static io.github.centrasage.sandbox.Http.enc;
import static io.github.centrasage.sandbox.Http.sage;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Sage sandbox survives any {@code $filter} it can receive: huge literals, long chains and deep
 * nesting answer as Sage would (rows, or a 400 naming the problem), never a 500 from its own stack.
 */
class Sage200SandboxHostileFilterTest {
  final Sage200Sandbox sandbox = Sage200Sandbox.start();

  @AfterEach
  void stop() {
    sandbox.close();
  }

  Http.Response customers(String filter) throws Exception {
    return sage(sandbox, "GET", "/customers?$filter=" + enc(filter), null);
  }

  @Test
  void aTenThousandCharacterStringLiteralIsJustALiteral() throws Exception {
    for (String literal : List.of("x".repeat(10_000), "''".repeat(5_000), "\uD83D\uDE00".repeat(5_000))) {
      Http.Response r = customers("reference eq '" + literal + "'");
      assertThat(r.status()).as(r.body().length() > 300 ? r.body().substring(0, 300) : r.body()).isEqualTo(200);
      assertThat(r.array()).isEmpty();
    }
    Http.Response found = customers("reference eq 'WEBGBP' or name eq '" + "y".repeat(10_000) + "'");
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.array()).extracting(c -> c.get("reference")).containsExactly("WEBGBP");
  }

  @Test
  void longChainsAnswerAndDeepNestingIsRefusedWithAReason() throws Exception {
    List<String> terms = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      terms.add("reference eq 'R" + i + "'");
    }
    terms.add("reference eq 'WEBGBP'");
    Http.Response chain = customers(String.join(" or ", terms));
    assertThat(chain.status()).isEqualTo(200);
    assertThat(chain.array()).extracting(c -> c.get("reference")).containsExactly("WEBGBP");
    Http.Response ands = customers(String.join(" and ", List.of("id gt 0").stream()
        .flatMap(t -> java.util.stream.Stream.generate(() -> t).limit(3_000)).toList()));
    assertThat(ands.status()).isEqualTo(200);

    for (String deep : List.of("(".repeat(5_000) + "id eq 1" + ")".repeat(5_000), "not ".repeat(5_000) + "id eq 1",
        "tolower(".repeat(5_000) + "name" + ")".repeat(5_000) + " eq 'x'", "'unterminated", "id eq 1 ~")) {
      Http.Response r = customers(deep);
      assertThat(r.status()).as(deep.substring(0, 20)).isEqualTo(400);
      assertThat(r.body()).contains("$filter").hasSizeLessThan(2_000);
    }
  }
}
