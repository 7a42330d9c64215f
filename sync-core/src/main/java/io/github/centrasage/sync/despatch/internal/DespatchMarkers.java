package io.github.centrasage.sync.despatch.internal;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tags each direction leaves on what it writes, so the other direction recognises its own echo
 * and a retried job finds what an earlier attempt already wrote: a Sage confirmation carries the
 * Centra shipment number in its tracking notes, a Centra shipment made from a Sage despatch carries
 * the Sage despatch id in its additional message.
 */
public final class DespatchMarkers {
  private static final String CENTRA_PREFIX = "Centra shipment ";
  private static final Pattern CENTRA = Pattern.compile("Centra shipment (\\S+)");
  private static final Pattern SAGE = Pattern.compile("Sage despatch .*\\(id (\\d+)\\)");

  private DespatchMarkers() {}

  /** The tracking note of a Sage confirmation made for a Centra shipment. */
  public static String centraShipmentNote(String shipmentNumber) {
    return CENTRA_PREFIX + shipmentNumber;
  }

  /** The Centra shipment number a Sage despatch note names, if it was written by {@code DespatchToSage}. */
  public static Optional<String> centraShipmentIn(Optional<String> notes) {
    if (notes.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = CENTRA.matcher(notes.get());
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  /** The additional message of a Centra shipment made for a Sage despatch. */
  public static String sageDespatchMessage(long despatchId, Optional<String> despatchNo) {
    return "Sage despatch " + despatchNo.map(n -> n + " ").orElse("") + "(id " + despatchId + ")";
  }

  /** The Sage despatch id a Centra shipment's message names, if it was written by {@code DespatchToCentra}. */
  public static OptionalLong sageDespatchIn(Optional<String> message) {
    if (message.isEmpty()) {
      return OptionalLong.empty();
    }
    Matcher m = SAGE.matcher(message.get());
    return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
  }

  /**
   * The Centra order number in a shipment number such as {@code "39790-1"} (Centra numbers
   * shipments {@code <order number>-<n>}).
   */
  public static OptionalLong orderNumberOfShipment(String shipmentNumber) {
    int dash = shipmentNumber.lastIndexOf('-');
    String head = dash < 0 ? shipmentNumber : shipmentNumber.substring(0, dash);
    try {
      return OptionalLong.of(Long.parseLong(head));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
