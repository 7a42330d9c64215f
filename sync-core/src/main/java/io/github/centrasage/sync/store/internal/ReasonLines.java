package io.github.centrasage.sync.store.internal;

import java.util.ArrayList;
import java.util.List;

/** Stores a list of reasons in one text column: one per line, with backslash and newline escaped. */
public final class ReasonLines {
  private ReasonLines() {}

  public static String encode(List<String> reasons) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < reasons.size(); i++) {
      if (i > 0) {
        sb.append('\n');
      }
      sb.append(reasons.get(i).replace("\\", "\\\\").replace("\n", "\\n"));
    }
    return sb.toString();
  }

  public static List<String> decode(String text) {
    List<String> reasons = new ArrayList<>();
    if (text == null || text.isEmpty()) {
      return reasons;
    }
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(++i);
        current.append(next == 'n' ? '\n' : next);
      } else if (c == '\n') {
        reasons.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    reasons.add(current.toString());
    return reasons;
  }
}
