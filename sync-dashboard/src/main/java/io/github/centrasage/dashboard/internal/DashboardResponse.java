package io.github.centrasage.dashboard.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One answer of the dashboard, written out by whichever server adapter received the request: a
 * status, headers in order (a name may repeat, as {@code Set-Cookie} does) and the body.
 */
public final class DashboardResponse {
  private int status = 200;
  private final List<Map.Entry<String, String>> headers = new ArrayList<>();
  private byte[] body = new byte[0];

  public int status() {
    return status;
  }

  public List<Map.Entry<String, String>> headers() {
    return List.copyOf(headers);
  }

  /** The last value set for a header, or null. */
  public String header(String name) {
    String value = null;
    for (Map.Entry<String, String> h : headers) {
      if (h.getKey().equalsIgnoreCase(name)) {
        value = h.getValue();
      }
    }
    return value;
  }

  public byte[] body() {
    return body;
  }

  /** Replaces every value of the header. */
  void set(String name, String value) {
    headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
    headers.add(Map.entry(name, value));
  }

  void add(String name, String value) {
    headers.add(Map.entry(name, value));
  }

  void send(int status, String contentType, byte[] body) {
    this.status = status;
    if (contentType != null) {
      set("Content-Type", contentType);
    }
    this.body = body;
  }
}
