package io.github.centrasage.dashboard.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Carries the JDK {@code HttpServer}'s requests to the {@link DashboardCore} and its answers back. */
public final class JdkServerAdapter implements HttpHandler {
  private final DashboardCore core;
  private final boolean loopback;

  /** @param loopback whether the server is bound to a loopback address (see {@link HostCheck}) */
  public JdkServerAdapter(DashboardCore core, boolean loopback) {
    this.core = core;
    this.loopback = loopback;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try {
      DashboardRequest request = new DashboardRequest(ex.getRequestMethod(), "", ex.getRequestURI().getRawPath(),
          ex.getRequestURI().getRawQuery(), ex.getRequestHeaders()::get, ex.getRequestBody(),
          String.valueOf(ex.getRemoteAddress()), loopback);
      DashboardResponse response = core.handle(request);
      for (Map.Entry<String, String> h : response.headers()) {
        ex.getResponseHeaders().add(h.getKey(), h.getValue());
      }
      byte[] body = response.body();
      ex.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    } finally {
      ex.close();
    }
  }
}
