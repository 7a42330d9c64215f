package io.github.centrasage.dashboard.internal;

/**
 * HTML escaping. Every piece of data the page shows (references, reasons, errors, flow names)
 * passes through {@link #esc}; reasons come from remote systems and order notes, so a
 * {@code <script>} in them must render as text.
 */
public final class Html {
  private Html() {}

  /** Escapes text for an element body or a double-quoted attribute value. */
  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<': out.append("&lt;"); break;
        case '>': out.append("&gt;"); break;
        case '&': out.append("&amp;"); break;
        case '"': out.append("&quot;"); break;
        case '\'': out.append("&#39;"); break;
        default: out.append(c);
      }
    }
    return out.toString();
  }

  /** Escapes a path segment or query value for a link ({@code href}). */
  public static String url(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
