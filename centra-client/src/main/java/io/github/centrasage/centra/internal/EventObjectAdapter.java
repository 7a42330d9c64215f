package io.github.centrasage.centra.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import io.github.centrasage.centra.EventObject;
import io.github.centrasage.centra.ImmutableEventObject;
import java.io.IOException;

/**
 * {@code Event.object}: Events.graphql selects each type's ids under its own alias (Order.id is a
 * String, Shipment.id an Int, and GraphQL forbids one response key with two types), so the id and
 * number are read from whichever alias the object's type filled.
 */
final class EventObjectAdapter extends JsonAdapter<EventObject> {
  @Override
  public EventObject fromJson(JsonReader reader) throws IOException {
    ImmutableEventObject.Builder b = ImmutableEventObject.builder();
    reader.beginObject();
    while (reader.hasNext()) {
      String name = reader.nextName();
      if (reader.peek() == JsonReader.Token.NULL) {
        reader.nextNull();
        continue;
      }
      switch (name) {
        case "__typename":
          b.typeName(reader.nextString());
          break;
        case "id":
        case "orderId":
        case "shipmentId":
        case "returnId":
          b.id(reader.nextString());
          break;
        case "number":
        case "orderNumber":
        case "shipmentNumber":
          b.number(reader.nextString());
          break;
        default:
          reader.skipValue();
      }
    }
    reader.endObject();
    return b.build();
  }

  @Override
  public void toJson(JsonWriter writer, EventObject value) throws IOException {
    writer.beginObject().name("__typename").value(value.typeName());
    if (value.id().isPresent()) {
      writer.name("id").value(value.id().get());
    }
    if (value.number().isPresent()) {
      writer.name("number").value(value.number().get());
    }
    writer.endObject();
  }
}
