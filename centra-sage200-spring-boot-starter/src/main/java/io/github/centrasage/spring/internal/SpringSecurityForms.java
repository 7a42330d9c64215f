package io.github.centrasage.spring.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.web.csrf.CsrfToken;

/**
 * Spring Security's CSRF token as a hidden field of the dashboard's forms: Spring Security refuses
 * a POST without it before the dashboard's own guards see the request. Loaded only when Spring
 * Security is on the classpath.
 */
public final class SpringSecurityForms {
  private SpringSecurityForms() {}

  public static Map<String, String> csrfField(HttpServletRequest request) {
    Object attribute = request.getAttribute(CsrfToken.class.getName());
    if (attribute instanceof CsrfToken token) {
      return Map.of(token.getParameterName(), token.getToken());
    }
    return Map.of();
  }
}
