package io.github.centrasage.centra.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moshi support for Immutables value types: decodes through the generated builder (so required
 * attributes, defaults and {@code @Value.Check} run) and encodes through the accessors.
 *
 * <p>Attributes are discovered from the generated {@code Immutable*} class's instance fields; JSON
 * names are the attribute names (Centra is camelCase) except the few in {@link #JSON_NAMES}.
 * Unknown JSON fields are skipped, JSON {@code null} leaves the attribute unset.
 */
public final class ImmutablesJsonAdapterFactory implements JsonAdapter.Factory {

  /** Centra fields that break the camelCase rule, by Java attribute name. */
  static final Map<String, String> JSON_NAMES = Map.of(
      "sku", "SKU",
      "ean", "EAN",
      "typeName", "__typename");

  /**
   * Attributes ({@code Type.attribute}) read as text whether the JSON holds a string or a number:
   * a GraphQL error path (names and list indexes), an event's object id and number (a hash for an
   * order, a number for a shipment: whatever type the event names),
   * and a payment entry's id (Centra's schema says {@code Int}, this library has always kept it as text).
   */
  private static final Set<String> TEXT_OR_NUMBER = Set.of("CentraUserMessage.path", "EventObject.id", "EventObject.number",
      "PaymentHistoryEntry.id");

  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) {
      return null;
    }
    Class<?> raw = Types.getRawType(type);
    if (!raw.isInterface() && !Modifier.isAbstract(raw.getModifiers())) {
      return null;
    }
    Class<?> generated = generatedClass(raw);
    if (generated == null) {
      return null;
    }
    try {
      Method builderFactory = generated.getMethod("builder");
      Class<?> builderClass = builderFactory.getReturnType();
      Method build = builderClass.getMethod("build");
      List<Attribute> attributes = new ArrayList<>();
      for (Field field : generated.getDeclaredFields()) {
        int mods = field.getModifiers();
        if (Modifier.isStatic(mods) || Modifier.isTransient(mods)) {
          continue;
        }
        Method setter = setterFor(builderClass, field);
        if (setter == null) {
          continue; // derived attribute: computed, never read from JSON
        }
        Method accessor = raw.getMethod(field.getName());
        Type valueType = resolve(field.getGenericType(), type, raw);
        // A few values are text or number by their definition (a GraphQL error path holds names and list
        // indexes; an event names its object by whatever number that type has): only those are coerced.
        JsonAdapter<?> adapter = TEXT_OR_NUMBER.contains(raw.getSimpleName() + "." + field.getName())
            ? ScalarAdapters.lenientMoshi().adapter(valueType) : moshi.adapter(valueType);
        attributes.add(new Attribute(
            JSON_NAMES.getOrDefault(field.getName(), field.getName()), setter, accessor, adapter));
      }
      return new ImmutableAdapter<>(raw, builderFactory, build, attributes).nullSafe();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Not an Immutables type with a builder: " + raw.getName(), e);
    }
  }

  private static Class<?> generatedClass(Class<?> abstractType) {
    if (abstractType.getEnclosingClass() != null) {
      return null;
    }
    String name = abstractType.getPackageName() + ".Immutable" + abstractType.getSimpleName();
    try {
      return Class.forName(name, false, abstractType.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static Method setterFor(Class<?> builderClass, Field field) {
    Class<?> fieldType = field.getType();
    for (Method m : builderClass.getMethods()) {
      if (m.getName().equals(field.getName()) && m.getParameterCount() == 1
          && !m.getParameterTypes()[0].equals(Optional.class)
          && box(m.getParameterTypes()[0]).isAssignableFrom(box(fieldType))) {
        return m;
      }
    }
    return null;
  }

  private static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
  }

  /** Replaces the type variables of a generic value type ({@code CentraMutationResult<T>}) by the requested arguments. */
  private static Type resolve(Type fieldType, Type requested, Class<?> raw) {
    if (!(requested instanceof ParameterizedType) || raw.getTypeParameters().length == 0) {
      return fieldType;
    }
    Map<String, Type> bindings = new HashMap<>();
    Type[] args = ((ParameterizedType) requested).getActualTypeArguments();
    for (int i = 0; i < args.length; i++) {
      bindings.put(raw.getTypeParameters()[i].getName(), args[i]);
    }
    return substitute(fieldType, bindings);
  }

  private static Type substitute(Type t, Map<String, Type> bindings) {
    if (t instanceof java.lang.reflect.TypeVariable<?>) {
      return bindings.getOrDefault(((java.lang.reflect.TypeVariable<?>) t).getName(), Object.class);
    }
    if (t instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) t;
      Type[] args = p.getActualTypeArguments().clone();
      for (int i = 0; i < args.length; i++) {
        args[i] = substitute(args[i], bindings);
      }
      return Types.newParameterizedType(p.getRawType(), args);
    }
    return t;
  }

  private static final class Attribute {
    final String jsonName;
    final Method setter;
    final Method accessor;
    final JsonAdapter<Object> adapter;

    @SuppressWarnings("unchecked")
    Attribute(String jsonName, Method setter, Method accessor, JsonAdapter<?> adapter) {
      this.jsonName = jsonName;
      this.setter = setter;
      this.accessor = accessor;
      this.adapter = (JsonAdapter<Object>) adapter;
    }
  }

  private static final class ImmutableAdapter<T> extends JsonAdapter<T> {
    private final Class<?> type;
    private final Method builderFactory;
    private final Method build;
    private final Map<String, Attribute> byJsonName = new LinkedHashMap<>();
    private final JsonReader.Options options;
    private final Attribute[] byIndex;

    ImmutableAdapter(Class<?> type, Method builderFactory, Method build, List<Attribute> attributes) {
      this.type = type;
      this.builderFactory = builderFactory;
      this.build = build;
      attributes.forEach(a -> byJsonName.put(a.jsonName, a));
      this.byIndex = byJsonName.values().toArray(new Attribute[0]);
      this.options = JsonReader.Options.of(byJsonName.keySet().toArray(new String[0]));
    }

    @Override
    @SuppressWarnings("unchecked")
    public T fromJson(JsonReader reader) throws IOException {
      Object builder = invoke(builderFactory, null);
      reader.beginObject();
      while (reader.hasNext()) {
        int index = reader.selectName(options);
        if (index < 0) {
          reader.skipName();
          reader.skipValue(); // unknown fields are tolerated: the schema grows in place
          continue;
        }
        Attribute attribute = byIndex[index];
        Object value = attribute.adapter.fromJson(reader);
        if (value != null) {
          invokeSetter(attribute, builder, value, reader);
        }
      }
      reader.endObject();
      try {
        return (T) build.invoke(builder);
      } catch (InvocationTargetException e) {
        throw new JsonDataException(
            "Cannot decode " + type.getSimpleName() + " at " + reader.getPath() + ": " + e.getCause().getMessage(), e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void invokeSetter(Attribute attribute, Object builder, Object value, JsonReader reader) {
      try {
        attribute.setter.invoke(builder, value);
      } catch (InvocationTargetException e) {
        throw new JsonDataException("Invalid " + attribute.jsonName + " at " + reader.getPath() + ": "
            + e.getCause().getMessage(), e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void toJson(JsonWriter writer, T value) throws IOException {
      writer.beginObject();
      for (Attribute attribute : byIndex) {
        Object v = invoke(attribute.accessor, value);
        if (v instanceof Optional<?>) {
          v = ((Optional<?>) v).orElse(null);
        }
        if (v != null) {
          writer.name(attribute.jsonName);
          attribute.adapter.toJson(writer, v);
        }
      }
      writer.endObject();
    }

    private static Object invoke(Method method, Object target) {
      try {
        return method.invoke(target);
      } catch (InvocationTargetException e) {
        throw new JsonDataException(e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return "ImmutableAdapter(" + type.getSimpleName() + ")";
    }
  }
}
