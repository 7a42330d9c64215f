package io.github.centrasage.sync.internal;

/** Length cuts that never split a character: a cut through a surrogate pair would send half an emoji (a '?'). */
public final class Texts {
  private Texts() {}

  /**
   * {@code text} cut to at most {@code max} UTF-16 units (the length Sage's text fields count), ending
   * before a surrogate pair the cut would split.
   */
  public static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end);
  }

  /** As {@link #cut}, with an ellipsis after a cut (for messages, where the reader should see that text is missing). */
  public static String clip(String text, int max) {
    return text.length() <= max ? text : cut(text, max) + "…";
  }
}
