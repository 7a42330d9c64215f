package io.github.centrasage.sandbox;

import io.github.centrasage.sandbox.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Ready-made rewrites for {@link CentraSandbox#rewriteAnswers} and {@link Sage200Sandbox#rewriteAnswers}:
 * hostile values in one record of an otherwise well-formed answer. The body is parsed into maps,
 * lists, strings, {@code BigDecimal}s, booleans and nulls; every JSON object {@code match} accepts is
 * changed in place by {@code edit} (put any value: a string where a number belongs, a negative
 * quantity, an unknown enum name); the tree is written back.
 *
 * <pre>{@code
 * centra.rewriteAnswers("orders", AnswerRewrites.editObjects(
 *     o -> new BigDecimal(1042).equals(o.get("number")),
 *     o -> ((Map<String, Object>) ((List<?>) o.get("lines")).get(0)).put("quantity", "two")));
 * }</pre>
 */
public final class AnswerRewrites {
  private AnswerRewrites() {}

  /** Edits every JSON object (at any depth) that {@code match} accepts; a body that is not JSON is left alone. */
  public static UnaryOperator<String> editObjects(Predicate<Map<String, Object>> match, Consumer<Map<String, Object>> edit) {
    Objects.requireNonNull(match, "match");
    Objects.requireNonNull(edit, "edit");
    return body -> {
      Object tree;
      try {
        tree = Json.parse(body);
      } catch (RuntimeException notJson) {
        return body;
      }
      walk(tree, match, edit);
      return Json.write(tree);
    };
  }

  @SuppressWarnings("unchecked")
  private static void walk(Object node, Predicate<Map<String, Object>> match, Consumer<Map<String, Object>> edit) {
    if (node instanceof Map) {
      Map<String, Object> object = (Map<String, Object>) node;
      // children first, so an edit that adds objects does not see them
      for (Object child : new ArrayList<>(object.values())) {
        walk(child, match, edit);
      }
      if (match.test(object)) {
        edit.accept(object);
      }
    } else if (node instanceof List) {
      for (Object child : new ArrayList<>((List<Object>) node)) {
        walk(child, match, edit);
      }
    }
  }
}
