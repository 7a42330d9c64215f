package io.github.centrasage.centra.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads the {@code .graphql} resources. Shared selections live in {@code graphql/selections/} and
 * are pasted in where a document says {@code {{Name}}}, so every document sent is self-contained
 * (no fragment definitions). {@code CentraSchemaContractTest} validates each assembled document
 * against the Centra SDL shipped in {@code schema/centra-integration.graphqls}.
 */
final class OperationDocuments {
  private static final String ROOT = "/io/github/centrasage/centra/graphql/";
  private static final Pattern INCLUDE = Pattern.compile("\\{\\{(\\w+)}}");

  private OperationDocuments() {}

  static String load(String name, boolean mutation, String rootField) {
    String text = expand(read(ROOT + name + ".graphql"), 0);
    String header = (mutation ? "mutation " : "query ") + name;
    if (!text.startsWith(header + "(") && !text.startsWith(header + " ")) {
      throw new IllegalStateException(name + ".graphql must start with '" + header + "'");
    }
    if (!Pattern.compile("\\{\\s*" + rootField + "\\b").matcher(text).find()) {
      throw new IllegalStateException(name + ".graphql must select root field " + rootField);
    }
    return text;
  }

  private static String expand(String text, int depth) {
    if (depth > 5) {
      throw new IllegalStateException("selection includes nest too deeply");
    }
    Matcher m = INCLUDE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String included = expand(read(ROOT + "selections/" + m.group(1) + ".graphql"), depth + 1);
      m.appendReplacement(out, Matcher.quoteReplacement(included));
    }
    m.appendTail(out);
    return out.toString().trim();
  }

  private static String read(String path) {
    try (InputStream in = OperationDocuments.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      // Drop comment lines and collapse blank lines: smaller bodies, same meaning.
      StringBuilder kept = new StringBuilder();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          kept.append(line.stripTrailing()).append('\n');
        }
      }
      return kept.toString().trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
