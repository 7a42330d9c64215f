package io.github.centrasage.http.internal;

import com.squareup.moshi.Json;
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
import java.lang.reflect.TypeVariable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Moshi support for a client's Immutables value types: decodes through the generated builder (so
 * required attributes, defaults and {@code @Value.Check} run) and encodes through the accessors.
 *
 * <p>One naming rule: an accessor's JSON name is its {@link Json @Json(name = …)} when it has one,
 * otherwise the client's {@link Naming} of the attribute name (Centra: as written, camelCase; Sage:
 * snake_case). Attributes are the generated {@code Immutable*} class's instance fields that its
 * builder can set (derived ones are computed, never read). Unknown JSON fields are skipped, or kept
 * when the type declares {@code Map<String, Object> extraFields()}; JSON {@code null} leaves an
 * attribute unset. Encoding leaves out empty optionals and empty collections.
 */
public final class ImmutablesJsonAdapterFactory implements JsonAdapter.Factory {
  private static final String EXTRA_FIELDS = "extraFields";

  /** How an attribute name becomes a JSON name when the accessor has no {@code @Json}. */
  public enum Naming {
    /** {@code customerDocumentNo} stays {@code customerDocumentNo} (GraphQL). */
    AS_WRITTEN,
    /** {@code analysisCode1} becomes {@code analysis_code_1} (Sage 200). */
    SNAKE_CASE;

    public String apply(String attribute) {
      if (this == AS_WRITTEN) {
        return attribute;
      }
      StringBuilder out = new StringBuilder(attribute.length() + 8);
      char previous = 0;
      for (char c : attribute.toCharArray()) {
        if (Character.isUpperCase(c)) {
          out.append('_').append(Character.toLowerCase(c));
        } else if (Character.isDigit(c) && !Character.isDigit(previous)) {
          out.append('_').append(c);
        } else {
          out.append(c);
        }
        previous = c;
      }
      return out.toString();
    }
  }

  private final String packagePrefix;
  private final Naming naming;
  private final Set<String> otherwiseRead;
  private final Supplier<Moshi> otherMoshi;

  /**
   * @param packagePrefix only value types under this package are handled
   * @param naming the JSON name of an attribute without {@code @Json}
   */
  public ImmutablesJsonAdapterFactory(String packagePrefix, Naming naming) {
    this(packagePrefix, naming, Set.of(), () -> null);
  }

  private ImmutablesJsonAdapterFactory(String packagePrefix, Naming naming, Set<String> otherwiseRead,
      Supplier<Moshi> otherMoshi) {
    this.packagePrefix = packagePrefix;
    this.naming = naming;
    this.otherwiseRead = Set.copyOf(otherwiseRead);
    this.otherMoshi = otherMoshi;
  }

  /**
   * The same factory, with the attributes named {@code Type.attribute} read and written by
   * {@code moshi}'s adapters instead (values that are text or a number by their definition).
   */
  public ImmutablesJsonAdapterFactory withAttributesReadBy(Set<String> attributes, Supplier<Moshi> moshi) {
    return new ImmutablesJsonAdapterFactory(packagePrefix, naming, attributes, moshi);
  }

  /** The JSON name of an accessor of a value type, by the one rule. */
  public String jsonName(Method accessor) {
    Json json = accessor.getAnnotation(Json.class);
    return json != null ? json.name() : naming.apply(accessor.getName());
  }

  /**
   * The JSON names a model reads, each with whether the model needs it (a plain accessor) or takes it
   * as optional; collections and maps are left out (a server sends them only when asked to).
   */
  public Map<String, Boolean> modelFields(Class<?> model) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (Method accessor : model.getMethods()) {
      if (!Modifier.isAbstract(accessor.getModifiers()) || accessor.getParameterCount() != 0
          || accessor.getReturnType() == void.class || accessor.getName().equals(EXTRA_FIELDS)) {
        continue;
      }
      Class<?> raw = accessor.getReturnType();
      if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
        continue;
      }
      boolean optional = raw == Optional.class || raw == OptionalLong.class || raw == OptionalInt.class
          || raw == OptionalDouble.class;
      out.put(jsonName(accessor), !optional);
    }
    return out;
  }

  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty()) {
      return null;
    }
    Class<?> requested = Types.getRawType(type);
    if (!requested.getName().startsWith(packagePrefix + ".")) {
      return null;
    }
    Class<?> abstractType = abstractTypeOf(requested);
    Class<?> generated = abstractType == null ? null : generatedClass(abstractType);
    if (generated == null) {
      return null;
    }
    try {
      Method builderFactory = builderFactory(generated, abstractType);
      Class<?> builderClass = builderFactory.getReturnType();
      Method build = builderClass.getMethod("build");
      List<Attribute> attributes = new ArrayList<>();
      Attribute extra = null;
      for (Field field : generated.getDeclaredFields()) {
        int mods = field.getModifiers();
        if (Modifier.isStatic(mods) || Modifier.isTransient(mods)) {
          continue;
        }
        Method setter = setterFor(builderClass, field);
        if (setter == null) {
          continue; // derived attribute: computed, never read from JSON
        }
        Method accessor = abstractType.getMethod(field.getName());
        Type valueType = resolve(field.getGenericType(), type, abstractType);
        boolean other = otherwiseRead.contains(abstractType.getSimpleName() + "." + field.getName());
        JsonAdapter<?> adapter = (other ? otherMoshi.get() : moshi).adapter(valueType);
        Attribute attribute = new Attribute(jsonName(accessor), setter, accessor, adapter);
        if (field.getName().equals(EXTRA_FIELDS) && Map.class.isAssignableFrom(field.getType())) {
          extra = attribute;
        } else {
          attributes.add(attribute);
        }
      }
      return new ValueAdapter<>(abstractType, builderFactory, build, attributes, extra, moshi.adapter(Object.class))
          .nullSafe();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("Not an Immutables type with a builder: " + abstractType.getName(), e);
    }
  }

  /**
   * The static {@code builder()}: the generated {@code ImmutableX.builder()}, or {@code X.builder()} when
   * the type declares its own {@code X.Builder} (Immutables then generates no such method).
   */
  private static Method builderFactory(Class<?> generated, Class<?> abstractType) throws NoSuchMethodException {
    for (Class<?> owner : List.of(generated, abstractType)) {
      try {
        Method factory = owner.getMethod("builder");
        if (Modifier.isStatic(factory.getModifiers())) {
          return factory;
        }
      } catch (NoSuchMethodException e) {
        // not on this one: try the next
      }
    }
    throw new NoSuchMethodException(abstractType.getName() + ".builder()");
  }

  /** The abstract value type: the requested one, or the one a generated {@code ImmutableX} implements. */
  private static Class<?> abstractTypeOf(Class<?> requested) {
    if (requested.getEnclosingClass() != null) {
      return null;
    }
    if (requested.isInterface() || Modifier.isAbstract(requested.getModifiers())) {
      return requested;
    }
    if (!requested.getSimpleName().startsWith("Immutable")) {
      return null;
    }
    String name = requested.getSimpleName().substring("Immutable".length());
    for (Class<?> iface : requested.getInterfaces()) {
      if (iface.getSimpleName().equals(name)) {
        return iface;
      }
    }
    Class<?> superclass = requested.getSuperclass();
    return superclass != null && superclass.getSimpleName().equals(name) ? superclass : null;
  }

  private static Class<?> generatedClass(Class<?> abstractType) {
    try {
      return Class.forName(abstractType.getPackageName() + ".Immutable" + abstractType.getSimpleName(), true,
          abstractType.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  private static Method setterFor(Class<?> builderClass, Field field) {
    Class<?> fieldType = field.getType();
    for (Method m : builderClass.getMethods()) {
      if (m.getName().equals(field.getName()) && m.getParameterCount() == 1
          && !m.getParameterTypes()[0].getName().startsWith("java.util.Optional")
          && box(m.getParameterTypes()[0]).isAssignableFrom(box(fieldType))) {
        return m;
      }
    }
    return null;
  }

  private static Class<?> box(Class<?> type) {
    return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
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
    if (t instanceof TypeVariable<?>) {
      return bindings.getOrDefault(((TypeVariable<?>) t).getName(), Object.class);
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

  private static final class ValueAdapter<T> extends JsonAdapter<T> {
    private final Class<?> type;
    private final Method builderFactory;
    private final Method build;
    private final Attribute[] byIndex;
    private final Attribute extra;
    private final JsonAdapter<Object> anyAdapter;
    private final JsonReader.Options options;

    ValueAdapter(Class<?> type, Method builderFactory, Method build, List<Attribute> attributes, Attribute extra,
        JsonAdapter<Object> anyAdapter) {
      this.type = type;
      this.builderFactory = builderFactory;
      this.build = build;
      Map<String, Attribute> byJsonName = new LinkedHashMap<>();
      attributes.forEach(a -> byJsonName.put(a.jsonName, a));
      this.byIndex = byJsonName.values().toArray(new Attribute[0]);
      this.options = JsonReader.Options.of(byJsonName.keySet().toArray(new String[0]));
      this.extra = extra;
      this.anyAdapter = anyAdapter;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T fromJson(JsonReader reader) throws IOException {
      Object builder = invoke(builderFactory, null);
      Map<String, Object> unknown = extra == null ? null : new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        int index = reader.selectName(options);
        if (index < 0) {
          if (unknown != null) {
            String name = reader.nextName();
            // A server sends unset fields as null; a null says nothing and the builder's map refuses it.
            Object value = reader.readJsonValue();
            if (value != null) {
              unknown.put(name, value);
            }
          } else {
            reader.skipName();
            reader.skipValue(); // unknown fields are tolerated: the vendors' schemas grow in place
          }
          continue;
        }
        if (reader.peek() == JsonReader.Token.NULL) {
          reader.nextNull();
          continue;
        }
        Attribute attribute = byIndex[index];
        Object value = attribute.adapter.fromJson(reader);
        if (value != null) {
          set(attribute, builder, value, reader);
        }
      }
      reader.endObject();
      if (unknown != null && !unknown.isEmpty()) {
        set(extra, builder, unknown, reader);
      }
      try {
        return (T) build.invoke(builder);
      } catch (InvocationTargetException e) {
        // Builders reject a missing required attribute with IllegalStateException: that is bad JSON.
        throw new JsonDataException("Cannot decode " + type.getSimpleName() + " at " + reader.getPath() + ": "
            + e.getCause().getMessage(), e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    private static void set(Attribute attribute, Object builder, Object value, JsonReader reader) {
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
        Object v = unwrap(invoke(attribute.accessor, value));
        if (v == null || v instanceof Collection<?> && ((Collection<?>) v).isEmpty()) {
          continue;
        }
        writer.name(attribute.jsonName);
        attribute.adapter.toJson(writer, v);
      }
      if (extra != null) {
        Map<?, ?> fields = (Map<?, ?>) invoke(extra.accessor, value);
        for (Map.Entry<?, ?> entry : fields.entrySet()) {
          if (options.strings().indexOf(entry.getKey().toString()) < 0) {
            writer.name(entry.getKey().toString());
            anyAdapter.toJson(writer, entry.getValue());
          }
        }
      }
      writer.endObject();
    }

    private static Object unwrap(Object attribute) {
      if (attribute instanceof Optional<?>) {
        return ((Optional<?>) attribute).orElse(null);
      }
      if (attribute instanceof OptionalLong) {
        OptionalLong optional = (OptionalLong) attribute;
        return optional.isPresent() ? optional.getAsLong() : null;
      }
      if (attribute instanceof OptionalInt) {
        OptionalInt optional = (OptionalInt) attribute;
        return optional.isPresent() ? optional.getAsInt() : null;
      }
      if (attribute instanceof OptionalDouble) {
        OptionalDouble optional = (OptionalDouble) attribute;
        return optional.isPresent() ? optional.getAsDouble() : null;
      }
      return attribute;
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
      return "JsonAdapter(" + type.getSimpleName() + ")";
    }
  }
}
