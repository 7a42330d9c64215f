package io.github.centrasage.sandbox.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.centrasage.sage200.internal.SageContract;
import io.github.centrasage.sandbox.SandboxCatalog;
import io.github.centrasage.sandbox.SandboxClock;
import io.github.centrasage.sandbox.internal.HttpExchange.Answer;
import io.github.centrasage.sandbox.internal.HttpExchange.Request;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SageRouterTest {
  private static final String BASE = "/uk/sage200/accounts/v1";

  private static Request get(String pathAndQuery) {
    return Request.of("GET", pathAndQuery, Map.of(), null);
  }

  @Test
  void everyOperationTheEmulatorAnswersIsInTheSageContract() {
    SageEmulator emulator = new SageEmulator(BASE, "t", "s", 1, SandboxClock.startingAt(SandboxClock.DEFAULT_START),
        SandboxCatalog.fashionShop(), true, true);
    SageContract contract = SageContract.standard();

    assertThat(emulator.operations()).hasSizeGreaterThan(50)
        .allSatisfy(op -> assertThat(contract.endpoint(op)).as(op).isPresent());
  }

  @Test
  void namesAnOperationByItsPatternAndPassesTheFirstId() {
    SageRouter router = new SageRouter(BASE + "/");
    router.get("/sop_orders/{id}/sop_order_lines", (rq, id) -> Answer.json(200, Map.of("id", id)));

    SageRouter.Match match = router.match(get(BASE + "/sop_orders/42/sop_order_lines?$top=1"));

    assertThat(match.operation).isEqualTo("GET /sop_orders/{id}/sop_order_lines");
    assertThat(match.answer(get(BASE + "/sop_orders/42/sop_order_lines")).body()).isEqualTo("{\"id\":42}");
  }

  @Test
  void answersSages404ForAPathOrMethodNoRouteTakes() {
    SageRouter router = new SageRouter(BASE);
    router.get("/customers", (rq, id) -> Answer.json(200, Map.of()));

    for (Request unknown : new Request[] {get(BASE + "/customers/1/2"), get("/elsewhere/customers"),
        Request.of("DELETE", BASE + "/customers", Map.of(), null)}) {
      assertThatThrownBy(() -> router.match(unknown)).isInstanceOf(BadRequest.class)
          .hasMessage("No HTTP resource was found that matches the request URI '" + unknown.path() + "'.")
          .satisfies(e -> assertThat(((BadRequest) e).status()).isEqualTo(404));
    }
  }

  @Test
  void refusesTwoRoutesForOneOperation() {
    SageRouter router = new SageRouter(BASE);
    router.post("/sales_invoices", (rq, id) -> Answer.json(201, Map.of()));

    assertThatThrownBy(() -> router.post("/sales_invoices", (rq, id) -> Answer.json(201, Map.of())))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("POST /sales_invoices");
  }
}
