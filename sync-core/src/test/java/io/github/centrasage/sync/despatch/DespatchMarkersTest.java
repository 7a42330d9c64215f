package io.github.centrasage.sync.despatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.despatch.internal.DespatchMarkers;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The tags each direction writes and reads back to recognise its own work and the other's echo. */
class DespatchMarkersTest {
  @Test
  void readsBackTheCentraShipmentNumberFromASageNoteEvenWithTextAround() {
    assertThat(DespatchMarkers.centraShipmentIn(Optional.of(DespatchMarkers.centraShipmentNote("39790-2"))))
        .contains("39790-2");
    assertThat(DespatchMarkers.centraShipmentIn(Optional.of("fragile; Centra shipment 12-1"))).contains("12-1");
    assertThat(DespatchMarkers.centraShipmentIn(Optional.of("left at door"))).isEmpty();
    assertThat(DespatchMarkers.centraShipmentIn(Optional.empty())).isEmpty();
  }

  @Test
  void readsBackTheSageDespatchIdFromACentraMessageWithOrWithoutADespatchNumber() {
    assertThat(DespatchMarkers.sageDespatchIn(Optional.of(DespatchMarkers.sageDespatchMessage(77, Optional.of("DN0001")))))
        .isEqualTo(OptionalLong.of(77));
    assertThat(DespatchMarkers.sageDespatchIn(Optional.of(DespatchMarkers.sageDespatchMessage(5, Optional.empty()))))
        .isEqualTo(OptionalLong.of(5));
    assertThat(DespatchMarkers.sageDespatchIn(Optional.of("gift wrap please"))).isEmpty();
  }

  @Test
  void takesTheOrderNumberFromAShipmentNumber() {
    assertThat(DespatchMarkers.orderNumberOfShipment("39790-1")).isEqualTo(OptionalLong.of(39790));
    assertThat(DespatchMarkers.orderNumberOfShipment("39790")).isEqualTo(OptionalLong.of(39790));
    assertThat(DespatchMarkers.orderNumberOfShipment("A-1")).isEmpty();
  }
}
