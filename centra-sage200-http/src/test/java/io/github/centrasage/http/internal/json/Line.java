package io.github.centrasage.http.internal.json;

import com.squareup.moshi.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.immutables.value.Value;

/** A value type as both clients write them: required, optional, renamed, listed and unknown fields. */
@Value.Immutable
public interface Line {
  long lineNumber();

  Optional<String> analysisCode1();

  OptionalLong taxCodeId();

  @Json(name = "SKU")
  Optional<String> sku();

  List<String> tags();

  @Value.Default
  default int quantity() {
    return 1;
  }

  Map<String, Object> extraFields();
}
