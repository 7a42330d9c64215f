package io.github.centrasage.sage200.internal;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okio.Okio;

/**
 * The project's description of the part of Sage 200's REST API this library uses, read from the
 * shipped resource {@value #RESOURCE}: per operation ({@code "GET /sop_orders/{id}"}) the request and
 * response records, and per record its fields with their type, read-only and required flags. It was
 * derived from Sage's published OpenAPI files (the resource names the commit); operations those
 * files lack are marked inferred. Used by the sandbox to refuse what Sage would not accept, by the
 * tests to check every model name, and by a live-site check to compare a site against it.
 *
 * <p>Usage: {@code SageContract.standard().requestProblems("POST /sop_orders", body)}
 */
public final class SageContract {
  /** Where the contract ships in the sage200-client jar. */
  public static final String RESOURCE = "/io/github/centrasage/sage200/contract/sage200-contract.json";

  private static volatile SageContract standard;

  private final Map<String, Endpoint> endpoints;
  private final Map<String, Map<String, Field>> schemas;
  private final Map<String, String> source;

  private SageContract(Map<String, Endpoint> endpoints, Map<String, Map<String, Field>> schemas,
      Map<String, String> source) {
    this.endpoints = endpoints;
    this.schemas = schemas;
    this.source = source;
  }

  /** The contract shipped with this library (read once). */
  public static SageContract standard() {
    SageContract c = standard;
    if (c == null) {
      try (InputStream in = SageContract.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("the Sage 200 contract " + RESOURCE + " is missing from the classpath");
        }
        c = parse(Okio.buffer(Okio.source(in)).readUtf8());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      standard = c;
    }
    return c;
  }

  /** Reads a contract document (the format {@value #RESOURCE} describes in its {@code about}). */
  @SuppressWarnings("unchecked")
  public static SageContract parse(String json) {
    Map<String, Object> doc;
    try (JsonReader reader = JsonReader.of(new okio.Buffer().writeUtf8(json))) {
      doc = (Map<String, Object>) reader.readJsonValue();
    } catch (IOException e) {
      throw new IllegalArgumentException("not a Sage contract document: " + e.getMessage(), e);
    }
    Map<String, Map<String, Field>> schemas = new LinkedHashMap<>();
    ((Map<String, Map<String, String>>) doc.get("schemas")).forEach((name, fields) -> {
      Map<String, Field> parsed = new LinkedHashMap<>();
      fields.forEach((field, spec) -> parsed.put(field, Field.parse(field, spec)));
      schemas.put(name, Collections.unmodifiableMap(parsed));
    });
    Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    for (String list : List.of("endpoints", "inferred")) {
      for (Map<String, Object> e : (List<Map<String, Object>>) doc.getOrDefault(list, List.of())) {
        Endpoint endpoint = new Endpoint((String) e.get("operation"), list.equals("inferred"),
            type((String) e.get("request")), type((String) e.get("response")),
            (List<String>) e.get("query"), (List<String>) e.getOrDefault("expand", List.of()));
        endpoints.put(endpoint.operation, endpoint);
      }
    }
    SageContract contract = new SageContract(Collections.unmodifiableMap(endpoints),
        Collections.unmodifiableMap(schemas), (Map<String, String>) doc.getOrDefault("source", Map.of()));
    contract.verifyReferences();
    return contract;
  }

  private static Type type(String spec) {
    return spec == null ? null : Type.parse(spec);
  }

  private void verifyReferences() {
    List<Type> types = new ArrayList<>();
    endpoints.values().forEach(e -> {
      if (e.request != null) {
        types.add(e.request);
      }
      if (e.response != null) {
        types.add(e.response);
      }
    });
    schemas.values().forEach(fields -> fields.values().forEach(f -> types.add(f.type)));
    for (Type t : types) {
      String record = t.record();
      if (record != null && !schemas.containsKey(record)) {
        throw new IllegalArgumentException("the contract names record '" + record + "' but does not describe it");
      }
    }
  }

  /** Where the contract was derived from: repository, branch, folder, commit. */
  public Map<String, String> source() {
    return source;
  }

  /** Every operation described, published and inferred, as {@code "METHOD /path"} with {@code {id}}. */
  public Map<String, Endpoint> endpoints() {
    return endpoints;
  }

  public Optional<Endpoint> endpoint(String operation) {
    return Optional.ofNullable(endpoints.get(operation));
  }

  /** The fields of a record ({@code "sop_order"}, {@code "sop_order.delivery_address"}). */
  public Map<String, Field> schema(String record) {
    Map<String, Field> fields = schemas.get(record);
    if (fields == null) {
      throw new IllegalArgumentException("the contract does not describe record '" + record + "'");
    }
    return fields;
  }

  public Set<String> records() {
    return schemas.keySet();
  }

  /** The operations Sage's published files do not have (their shape is this project's assumption). */
  public Set<String> inferredOperations() {
    Set<String> out = new LinkedHashSet<>();
    endpoints.values().stream().filter(Endpoint::inferred).forEach(e -> out.add(e.operation));
    return out;
  }

  /**
   * What is wrong with a request body for {@code record}: every field the record does not define or
   * defines as read-only (unless it is also required: the key of an existing record), at any depth.
   * {@code body} is a parsed JSON value (maps, lists, scalars); {@code update} is true for a PUT,
   * where an element of a list may name the existing element it changes. Empty when the body is
   * acceptable.
   */
  public List<String> requestProblems(String record, Object body, boolean update) {
    List<String> problems = new ArrayList<>();
    check(Type.parse(record), body, "", true, update, problems);
    return problems;
  }

  /**
   * What is wrong with an answer of {@code endpoint}: every field the response record does not
   * define, at any depth. Empty when the answer has the shape the contract describes.
   */
  public List<String> responseProblems(Endpoint endpoint, Object body) {
    List<String> problems = new ArrayList<>();
    if (endpoint.response != null) {
      check(endpoint.response, body, "", false, false, problems);
    }
    return problems;
  }

  private void check(Type type, Object value, String path, boolean request, boolean update, List<String> problems) {
    if (value == null) {
      return;
    }
    if (type.element != null) {
      if (!(value instanceof List)) {
        problems.add(where(path) + " must be an array");
        return;
      }
      List<?> items = (List<?>) value;
      for (int i = 0; i < items.size(); i++) {
        check(type.element, items.get(i), path + "[" + i + "]", request, update, problems);
      }
      return;
    }
    String record = type.record();
    if (record == null) {
      if (type.name.equals("object") && !(value instanceof Map)) {
        problems.add(where(path) + " must be an object");
      } else if (!type.name.equals("object") && !type.name.equals("any") && (value instanceof Map || value instanceof List)) {
        problems.add(where(path) + " must be a " + type.name + ", not " + (value instanceof Map ? "an object" : "an array"));
      }
      return;
    }
    if (!(value instanceof Map)) {
      problems.add(where(path) + " must be an object (" + record + ")");
      return;
    }
    Map<String, Field> fields = schema(record);
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
      String name = String.valueOf(entry.getKey());
      String at = path.isEmpty() ? name : path + "." + name;
      Field field = fields.get(name);
      if (field == null) {
        problems.add("'" + at + "' is not a field of " + record);
      } else if (request && !field.writable(update)) {
        problems.add("'" + at + "' is read-only in " + record);
      } else {
        check(field.type, entry.getValue(), at, request, update, problems);
      }
    }
  }

  private static String where(String path) {
    return path.isEmpty() ? "the body" : "'" + path + "'";
  }

  /**
   * Whether {@code path} ({@code a}, {@code a/b} or {@code a.b}) names a field a query on
   * {@code endpoint} may use in {@code $filter}, {@code $select} or {@code $orderby}.
   */
  public boolean queryable(Endpoint endpoint, String path) {
    String[] parts = path.split("[/.]");
    if (endpoint.queryNames != null) {
      return endpoint.queryNames.contains(parts[0]);
    }
    Type type = endpoint.response;
    if (type == null) {
      return false;
    }
    for (String part : parts) {
      while (type.element != null) {
        type = type.element;
      }
      String record = type.record();
      if (record == null) {
        // Inside an object whose fields Sage does not publish (an expanded customer, currency…).
        return type.name.equals("object") || type.name.equals("any");
      }
      Field field = schema(record).get(part);
      if (field == null) {
        return false;
      }
      type = field.type;
    }
    return true;
  }

  /** Whether {@code $expand} may name {@code name} on {@code endpoint}: an object or array field, or a documented custom expand. */
  public boolean expandable(Endpoint endpoint, String name) {
    if (endpoint.customExpands.contains(name)) {
      return true;
    }
    Type type = endpoint.response;
    while (type != null && type.element != null) {
      type = type.element;
    }
    if (type == null || type.record() == null) {
      return false;
    }
    Field field = schema(type.record()).get(name);
    return field != null && (field.type.element != null || field.type.record() != null || field.type.name.equals("object"));
  }

  /** One operation: {@code "GET /sop_orders/{id}"} with its request and response records. */
  public static final class Endpoint {
    private final String operation;
    private final boolean inferred;
    private final Type request;
    private final Type response;
    private final Set<String> queryNames;
    private final Set<String> customExpands;

    Endpoint(String operation, boolean inferred, Type request, Type response, List<String> queryNames,
        List<String> customExpands) {
      this.operation = Objects.requireNonNull(operation, "operation");
      this.inferred = inferred;
      this.request = request;
      this.response = response;
      this.queryNames = queryNames == null ? null : Set.copyOf(queryNames);
      this.customExpands = Set.copyOf(customExpands);
    }

    public String operation() {
      return operation;
    }

    /** True when Sage's published files lack this operation and its shape is assumed. */
    public boolean inferred() {
      return inferred;
    }

    /** The record a request body must be, if the operation takes one. */
    public Optional<Type> request() {
      return Optional.ofNullable(request);
    }

    public Optional<Type> response() {
      return Optional.ofNullable(response);
    }

    /** The names Sage's text gives for querying, when they differ from the response record's fields. */
    public Optional<Set<String>> queryNames() {
      return Optional.ofNullable(queryNames);
    }

    public Set<String> customExpands() {
      return customExpands;
    }

    @Override
    public String toString() {
      return operation;
    }
  }

  /** A field's type: a scalar ({@code string}, {@code integer}…), {@code object}, a record name, or an array of one. */
  public static final class Type {
    private static final Set<String> SCALARS =
        Set.of("string", "integer", "number", "boolean", "date-time", "date", "object", "any");
    private final String name;
    private final Type element;

    private Type(String name, Type element) {
      this.name = name;
      this.element = element;
    }

    static Type parse(String spec) {
      if (spec.startsWith("[") && spec.endsWith("]")) {
        Type element = parse(spec.substring(1, spec.length() - 1));
        return new Type("[" + element.name + "]", element);
      }
      return new Type(spec, null);
    }

    /** The element type of an array, if this is one. */
    public Optional<Type> element() {
      return Optional.ofNullable(element);
    }

    /** The described record this type names, or null for scalars, opaque objects and arrays. */
    public String record() {
      return element != null || SCALARS.contains(name) ? null : name;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A field of a record. */
  public static final class Field {
    private final String name;
    private final Type type;
    private final boolean readOnly;
    private final boolean required;
    private final boolean sentBack;
    private final boolean key;

    private Field(String name, Type type, boolean readOnly, boolean required, boolean sentBack, boolean key) {
      this.name = name;
      this.type = type;
      this.readOnly = readOnly;
      this.required = required;
      this.sentBack = sentBack;
      this.key = key;
    }

    static Field parse(String name, String spec) {
      String[] words = spec.trim().split("\\s+");
      boolean ro = false;
      boolean req = false;
      boolean back = false;
      boolean key = false;
      for (int i = 1; i < words.length; i++) {
        if (words[i].equals("ro")) {
          ro = true;
        } else if (words[i].equals("req")) {
          req = true;
        } else if (words[i].equals("back")) {
          back = true;
        } else if (words[i].equals("key")) {
          key = true;
        } else {
          throw new IllegalArgumentException("field " + name + ": unknown flag '" + words[i] + "' in '" + spec + "'");
        }
      }
      return new Field(name, Type.parse(words[0]), ro, req, back, key);
    }

    public String name() {
      return name;
    }

    public Type type() {
      return type;
    }

    public boolean readOnly() {
      return readOnly;
    }

    public boolean required() {
      return required;
    }

    /**
     * Whether a request may send it: not read-only; or read-only but required (the key of an existing
     * record, e.g. the line of a despatch item); or read-only but to be sent back as Sage's text says
     * ({@code sop_order.lock_id} in a PUT); or, in an {@code update} (PUT), read-only but naming the
     * existing element the update changes (a sales order line's {@code id}).
     */
    public boolean writable(boolean update) {
      return !readOnly || required || sentBack || update && key;
    }
  }
}
