package io.github.centrasage.centra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.centrasage.centra.CentraWebhookException.Reason;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class CentraWebhookVerifierTest {
  private static final String SECRET = "whsec-0f1e2d3c";
  private static final long NOW = 1_709_287_200L; // 2024-03-01T10:00:00Z
  private static final String BODY = "payload=" + URLEncoder.encode(
      "{\"events\":[{\"type\":\"order\",\"action\":\"insert\",\"date\":\"2024-03-01 10:59:00\",\"id\":1902},"
          + "{\"type\":\"shipment\",\"action\":\"good_to_go\",\"id\":\"77\"}]}", StandardCharsets.UTF_8);

  private final CentraWebhookVerifier verifier = CentraWebhookVerifier.builder().secret(SECRET)
      .tolerance(Duration.ofMinutes(5)).clock(Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC)).build();

  static String sign(String secret, long t, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  private static String header(long t, String signature) {
    return "t=" + t + ",v1=" + signature;
  }

  @Test
  void acceptsAValidSignatureAndParsesTheEvents() throws Exception {
    List<CentraWebhookEvent> events = verifier.verify(header(NOW - 30, sign(SECRET, NOW - 30, BODY)), BODY);

    assertThat(events).hasSize(2);
    assertThat(events.get(0).type()).isEqualTo("order");
    assertThat(events.get(0).action()).isEqualTo("insert");
    assertThat(events.get(0).id()).isEqualTo("1902");
    assertThat(events.get(0).date()).contains("2024-03-01 10:59:00");
    assertThat(events.get(1).action()).isEqualTo("good_to_go");
  }

  @Test
  void acceptsUpperCaseHexAndAnyMatchingV1AmongSeveral() throws Exception {
    String good = sign(SECRET, NOW, BODY).toUpperCase();
    String header = "t=" + NOW + ",v1=" + "0".repeat(64) + ",v1=" + good;

    assertThat(verifier.verify(header, BODY.getBytes(StandardCharsets.UTF_8))).hasSize(2);
  }

  @Test
  void rejectsATamperedBody() throws Exception {
    String signature = sign(SECRET, NOW, BODY);

    CentraWebhookException e = catchThrowableOfType(CentraWebhookException.class,
        () -> verifier.verify(header(NOW, signature), BODY.replace("1902", "1903")));

    assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
    assertThat(e.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void rejectsASignatureMadeWithAnotherSecret() throws Exception {
    CentraWebhookException e = catchThrowableOfType(CentraWebhookException.class,
        () -> verifier.verify(header(NOW, sign("other", NOW, BODY)), BODY));

    assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void rejectsATimestampChangedAfterSigning() throws Exception {
    CentraWebhookException e = catchThrowableOfType(CentraWebhookException.class,
        () -> verifier.verify(header(NOW - 1, sign(SECRET, NOW, BODY)), BODY));

    assertThat(e.reason()).isEqualTo(Reason.SIGNATURE_MISMATCH);
  }

  @Test
  void rejectsAStaleTimestampEvenWithAValidSignature() throws Exception {
    long old = NOW - 301;

    CentraWebhookException e = catchThrowableOfType(CentraWebhookException.class,
        () -> verifier.verify(header(old, sign(SECRET, old, BODY)), BODY));

    assertThat(e.reason()).isEqualTo(Reason.STALE_TIMESTAMP);
    assertThat(e.getMessage()).contains("301 s").contains("300 s tolerance");
  }

  @Test
  void rejectsATimestampTooFarInTheFuture() throws Exception {
    long future = NOW + 600;

    assertThatThrownBy(() -> verifier.verify(header(future, sign(SECRET, future, BODY)), BODY))
        .isInstanceOfSatisfying(CentraWebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.STALE_TIMESTAMP));
  }

  @Test
  void acceptsATimestampAtTheEdgeOfTheTolerance() throws Exception {
    long edge = NOW - 300;

    assertThat(verifier.verify(header(edge, sign(SECRET, edge, BODY)), BODY)).hasSize(2);
  }

  @Test
  void rejectsMalformedHeaders() {
    String v1 = "a".repeat(64);
    assertReason(null, Reason.MISSING_SIGNATURE);
    assertReason(" ", Reason.MISSING_SIGNATURE);
    assertReason("garbage", Reason.MALFORMED_SIGNATURE);
    assertReason("v1=" + v1, Reason.MALFORMED_SIGNATURE);
    assertReason("t=abc,v1=" + v1, Reason.MALFORMED_SIGNATURE);
    assertReason("t=" + NOW, Reason.MALFORMED_SIGNATURE);
    assertReason("t=" + NOW + ",v1=xyz", Reason.MALFORMED_SIGNATURE);
    assertReason("t=" + NOW + ",v1=" + "g".repeat(64), Reason.MALFORMED_SIGNATURE);
  }

  private void assertReason(String header, Reason reason) {
    CentraWebhookException e = catchThrowableOfType(CentraWebhookException.class, () -> verifier.verify(header, BODY));
    assertThat(e.reason()).as(String.valueOf(header)).isEqualTo(reason);
    assertThat(e.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void badPercentEncodingIsAMalformedBodyNotAnIllegalArgument() throws Exception {
    for (String body : List.of("payload=%zz", "payload=%7B%22events%22%3A%5B%5D%7", "payload=abc%")) {
      assertThatThrownBy(() -> verifier.verify(header(NOW, sign(SECRET, NOW, body)), body))
          .as(body)
          .isInstanceOfSatisfying(CentraWebhookException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
    }
  }

  @Test
  void rejectsASignedBodyWithoutPayloadOrWithBrokenJson() throws Exception {
    String noPayload = "events=1";
    String broken = "payload=" + URLEncoder.encode("{\"events\":[{\"type\":\"order\"}]}", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> verifier.verify(header(NOW, sign(SECRET, NOW, noPayload)), noPayload))
        .isInstanceOfSatisfying(CentraWebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
    assertThatThrownBy(() -> verifier.verify(header(NOW, sign(SECRET, NOW, broken)), broken))
        .isInstanceOfSatisfying(CentraWebhookException.class, e -> assertThat(e.reason()).isEqualTo(Reason.MALFORMED_BODY));
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(verifier.toString()).doesNotContain(SECRET);
    assertThat(CentraWebhookVerifier.builder().secret(SECRET).toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> CentraWebhookVerifier.builder().build()).hasMessageContaining("secret is required");
  }
}
