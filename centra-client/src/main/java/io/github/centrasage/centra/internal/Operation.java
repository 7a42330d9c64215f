package io.github.centrasage.centra.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

import java.lang.reflect.Type;

/**
 * One GraphQL document (one root field) with how to read its result.
 *
 * @param <T> the decoded type of the root field, or of the mutation's payload field
 */
public final class Operation<T> {
  private final String name;
  private final String document;
  private final String rootField;
  private final boolean mutation;
  private final String payloadField;
  private final Type resultType;

  private Operation(String name, String rootField, boolean mutation, String payloadField, Type resultType) {
    this(name, rootField, mutation, payloadField, resultType, OperationDocuments.load(name, mutation, rootField));
  }

  private Operation(String name, String rootField, boolean mutation, String payloadField, Type resultType,
      String document) {
    this.name = name;
    this.rootField = rootField;
    this.mutation = mutation;
    this.payloadField = payloadField;
    this.resultType = resultType;
    this.document = document;
  }

  /** A query whose root field decodes to {@code resultType}. */
  public static <T> Operation<T> query(String name, String rootField, Type resultType) {
    return new Operation<>(name, rootField, false, null, resultType);
  }

  /**
   * A read-only query the library does not ship as a resource (introspection, listings for checks):
   * its root field decodes to plain JSON values. Only a named {@code query} is accepted.
   */
  public static Operation<Object> adHocQuery(String document, String rootField) {
    String text = document.strip();
    // the name is sent as operationName, which a GraphQL server matches against the document
    java.util.regex.Matcher named = java.util.regex.Pattern.compile("^query\\s+(\\w+)").matcher(text);
    if (!named.find()) {
      throw new IllegalArgumentException("a read-only query document starting 'query <Name>' is needed");
    }
    return new Operation<>(named.group(1), rootField, false, null, Object.class, text);
  }

  /** Every operation the client ships, by name (documents as sent, fragments expanded). */
  public static Map<String, String> shippedDocuments() {
    Map<String, String> out = new TreeMap<>();
    for (Field f : CentraOperations.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == Operation.class) {
        try {
          Operation<?> op = (Operation<?>) f.get(null);
          out.put(op.name(), op.document());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  /**
   * A mutation: the root field holds {@code userErrors}, {@code userWarnings} and the payload field
   * (null when the mutation selects none).
   */
  public static <T> Operation<T> mutation(String name, String rootField, String payloadField, Type resultType) {
    return new Operation<>(name, rootField, true, payloadField, resultType);
  }

  public String name() {
    return name;
  }

  public String document() {
    return document;
  }

  public String rootField() {
    return rootField;
  }

  public boolean isMutation() {
    return mutation;
  }

  public String payloadField() {
    return payloadField;
  }

  public Type resultType() {
    return resultType;
  }

  @Override
  public String toString() {
    return (mutation ? "mutation " : "query ") + name;
  }
}
