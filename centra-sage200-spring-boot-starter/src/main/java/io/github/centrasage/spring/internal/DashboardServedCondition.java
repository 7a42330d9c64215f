package io.github.centrasage.spring.internal;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The dashboard is served when {@code centra-sage200.dashboard.enabled} is not {@code false} and a
 * token is set: without one nobody could act on it (a blank token counts as none, so
 * {@code token: ${DASHBOARD_TOKEN:}} leaves it off until the variable is set).
 */
public final class DashboardServedCondition extends SpringBootCondition {
  @Override
  public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
    var env = context.getEnvironment();
    if ("false".equalsIgnoreCase(env.getProperty("centra-sage200.dashboard.enabled", "").strip())) {
      return ConditionOutcome.noMatch("centra-sage200.dashboard.enabled is false");
    }
    String token = env.getProperty("centra-sage200.dashboard.token", "");
    if (token.isBlank()) {
      return ConditionOutcome.noMatch("centra-sage200.dashboard.token is not set");
    }
    return ConditionOutcome.match("centra-sage200.dashboard.token is set");
  }
}
