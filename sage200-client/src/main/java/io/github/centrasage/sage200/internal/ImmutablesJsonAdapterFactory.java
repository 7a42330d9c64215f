package io.github.centrasage.sage200.internal;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Moshi support for the module's Immutables value types. Decoding goes through the generated
 * builder, so required-attribute checks run; encoding reads the abstract accessors. JSON names are
 * the snake_case form of the accessor ({@code analysisCode1} → {@code analysis_code_1}) unless the
 * accessor carries {@link Json @Json(name = …)}. Unknown JSON fields are skipped, or kept when the
 * type declares {@code Map<String, Object> extraFields()} (types Sage is still extending).
 */
public final class ImmutablesJsonAdapterFactory implements JsonAdapter.Factory {
  private static final String PACKAGE_PREFIX = "io.github.centrasage.sage200";
  private static final String EXTRA_FIELDS = "extraFields";

  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class)) {
      return null;
    }
    Class<?> requested = (Class<?>) type;
    if (!requested.getName().startsWith(PACKAGE_PREFIX)) {
      return null;
    }
    Class<?> abstractType = abstractTypeOf(requested);
    if (abstractType == null) {
      return null;
    }
    Class<?> immutable = immutableClassOf(abstractType);
    if (immutable == null) {
      return null;
    }
    return new ValueAdapter(abstractType, immutable, moshi).nullSafe();
  }

  private static Class<?> abstractTypeOf(Class<?> requested) {
    if (Modifier.isAbstract(requested.getModifiers())) {
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

  private static Class<?> immutableClassOf(Class<?> abstractType) {
    try {
      return Class.forName(
          abstractType.getPackageName() + ".Immutable" + abstractType.getSimpleName(),
          true,
          abstractType.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
  }

  /**
   * The JSON names a model reads, each with whether the model needs it (a plain accessor) or takes
   * it as optional ({@code Optional}): the same rule the adapter decodes by. Collections are left
   * out: Sage sends them only when asked for with {@code $expand}.
   */
  public static Map<String, Boolean> modelFields(Class<?> model) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    for (Method accessor : model.getMethods()) {
      if (!Modifier.isAbstract(accessor.getModifiers()) || accessor.getParameterCount() != 0
          || accessor.getReturnType() == void.class || accessor.getName().equals(EXTRA_FIELDS)) {
        continue;
      }
      Json json = accessor.getAnnotation(Json.class);
      Class<?> raw = accessor.getReturnType();
      if (Collection.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw)) {
        continue;
      }
      boolean optional = raw == Optional.class || raw == OptionalLong.class || raw == OptionalInt.class;
      out.put(json != null ? json.name() : snakeCase(accessor.getName()), !optional);
    }
    return out;
  }

  /** {@code analysisCode1} becomes {@code analysis_code_1}, {@code address1} becomes {@code address_1}. */
  static String snakeCase(String accessor) {
    StringBuilder out = new StringBuilder(accessor.length() + 8);
    char previous = 0;
    for (char c : accessor.toCharArray()) {
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

  private static final class Property {
    final String jsonName;
    final Method accessor;
    final Method setter;
    final JsonAdapter<Object> adapter;
    final boolean collection;

    Property(String jsonName, Method accessor, Method setter, JsonAdapter<Object> adapter, boolean collection) {
      this.jsonName = jsonName;
      this.accessor = accessor;
      this.setter = setter;
      this.adapter = adapter;
      this.collection = collection;
    }
  }

  private static final class ValueAdapter extends JsonAdapter<Object> {
    private final Class<?> abstractType;
    private final Method builderFactory;
    private final Method build;
    private final Map<String, Property> byJsonName = new LinkedHashMap<>();
    private final Method extraFieldsAccessor;
    private final Method extraFieldsSetter;
    private final JsonAdapter<Object> anyAdapter;

    ValueAdapter(Class<?> abstractType, Class<?> immutable, Moshi moshi) {
      this.abstractType = abstractType;
      this.anyAdapter = moshi.adapter(Object.class);
      try {
        this.builderFactory = immutable.getMethod("builder");
        Class<?> builderType = builderFactory.getReturnType();
        this.build = builderType.getMethod("build");
        Method extraAccessor = null;
        Method extraSetter = null;
        for (Method accessor : abstractType.getMethods()) {
          if (!Modifier.isAbstract(accessor.getModifiers())
              || accessor.getParameterCount() != 0
              || accessor.getReturnType() == void.class) {
            continue;
          }
          if (accessor.getName().equals(EXTRA_FIELDS) && Map.class.isAssignableFrom(accessor.getReturnType())) {
            extraAccessor = accessor;
            extraSetter = builderType.getMethod("putAllExtraFields", Map.class);
            continue;
          }
          addProperty(moshi, builderType, accessor);
        }
        this.extraFieldsAccessor = extraAccessor;
        this.extraFieldsSetter = extraSetter;
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("Not an Immutables type with a builder: " + abstractType.getName(), e);
      }
    }

    private void addProperty(Moshi moshi, Class<?> builderType, Method accessor) throws NoSuchMethodException {
      Type returnType = accessor.getGenericReturnType();
      Class<?> rawReturn = accessor.getReturnType();
      Type valueType = returnType;
      boolean collection = false;
      if (rawReturn == Optional.class) {
        valueType = ((ParameterizedType) returnType).getActualTypeArguments()[0];
      } else if (rawReturn == OptionalLong.class) {
        valueType = Long.class;
      } else if (rawReturn == OptionalInt.class) {
        valueType = Integer.class;
      } else if (Collection.class.isAssignableFrom(rawReturn)) {
        collection = true;
      }
      Class<?> rawValue = Types.getRawType(valueType);
      Method setter = null;
      for (Method candidate : builderType.getMethods()) {
        if (!candidate.getName().equals(accessor.getName()) || candidate.getParameterCount() != 1) {
          continue;
        }
        Class<?> param = candidate.getParameterTypes()[0];
        boolean fits = collection ? param == Iterable.class : boxed(param) == boxed(rawValue);
        if (fits) {
          setter = candidate;
          break;
        }
      }
      if (setter == null) {
        throw new NoSuchMethodException(builderType.getName() + "." + accessor.getName());
      }
      Json json = accessor.getAnnotation(Json.class);
      String name = json != null ? json.name() : snakeCase(accessor.getName());
      byJsonName.put(name, new Property(name, accessor, setter, moshi.adapter(valueType), collection));
    }

    private static Class<?> boxed(Class<?> type) {
      if (type == long.class) {
        return Long.class;
      }
      if (type == int.class) {
        return Integer.class;
      }
      if (type == boolean.class) {
        return Boolean.class;
      }
      return type;
    }

    @Override
    public Object fromJson(JsonReader reader) throws IOException {
      Object builder = invoke(builderFactory, null);
      Map<String, Object> extra = extraFieldsAccessor == null ? null : new LinkedHashMap<>();
      reader.beginObject();
      while (reader.hasNext()) {
        String name = reader.nextName();
        Property property = byJsonName.get(name);
        if (property == null) {
          if (extra != null) {
            // Sage sends unset fields as null; a null says nothing and the builder's map refuses it.
            Object value = reader.readJsonValue();
            if (value != null) {
              extra.put(name, value);
            }
          } else {
            reader.skipValue(); // Sage adds fields release by release; unknown ones are tolerated.
          }
          continue;
        }
        if (reader.peek() == JsonReader.Token.NULL) {
          reader.nextNull();
          continue;
        }
        Object value = property.adapter.fromJson(reader);
        if (value != null) {
          invoke(property.setter, builder, value);
        }
      }
      reader.endObject();
      if (extra != null && !extra.isEmpty()) {
        invoke(extraFieldsSetter, builder, extra);
      }
      return invoke(build, builder);
    }

    @Override
    public void toJson(JsonWriter writer, Object value) throws IOException {
      writer.beginObject();
      for (Property property : byJsonName.values()) {
        Object attribute = unwrap(invoke(property.accessor, value));
        if (attribute == null || property.collection && ((Collection<?>) attribute).isEmpty()) {
          continue;
        }
        writer.name(property.jsonName);
        property.adapter.toJson(writer, attribute);
      }
      if (extraFieldsAccessor != null) {
        Map<?, ?> extra = (Map<?, ?>) invoke(extraFieldsAccessor, value);
        for (Map.Entry<?, ?> entry : extra.entrySet()) {
          if (!byJsonName.containsKey(entry.getKey().toString())) {
            writer.name(entry.getKey().toString());
            anyAdapter.toJson(writer, entry.getValue());
          }
        }
      }
      writer.endObject();
    }

    private static Object unwrap(Object attribute) {
      if (attribute instanceof Optional) {
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
      return attribute;
    }

    private Object invoke(Method method, Object target, Object... args) {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        // Builders reject missing required attributes with IllegalStateException: that is bad JSON.
        Throwable cause = e.getCause();
        throw new JsonDataException(
            "Cannot read " + abstractType.getSimpleName() + ": " + cause.getMessage(), cause);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public String toString() {
      return "JsonAdapter(" + abstractType.getSimpleName() + ")";
    }
  }
}
