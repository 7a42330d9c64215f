package io.github.centrasage.centra;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonDataException;
import io.github.centrasage.centra.CentraWebhookException.Reason;
import io.github.centrasage.centra.internal.ScalarAdapters;
import io.github.centrasage.centra.internal.WebhookPayload;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies Centra webhook requests and parses their events. Centra signs with
 * {@code X-Centra-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>}; the
 * raw body is the {@code payload=…} form string exactly as received. Immutable and thread-safe.
 *
 * <pre>{@code
 * CentraWebhookVerifier verifier = CentraWebhookVerifier.builder().secret(secret).build();
 * List<CentraWebhookEvent> events = verifier.verify(request.header("X-Centra-Signature"), rawBodyBytes);
 * }</pre>
 */
public final class CentraWebhookVerifier {
  /** The header Centra puts the signature in. */
  public static final String SIGNATURE_HEADER = "X-Centra-Signature";

  private static final JsonAdapter<WebhookPayload> PAYLOAD = ScalarAdapters.lenientMoshi().adapter(WebhookPayload.class);

  private final SecretKeySpec key;
  private final Duration tolerance;
  private final Clock clock;

  private CentraWebhookVerifier(Builder b) {
    this.key = new SecretKeySpec(b.secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.tolerance = b.tolerance;
    this.clock = b.clock;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Verifies a body received as text (it must be the exact characters received, UTF-8). */
  public List<CentraWebhookEvent> verify(String signatureHeader, String rawBody) {
    return verify(signatureHeader, Objects.requireNonNull(rawBody, "rawBody").getBytes(StandardCharsets.UTF_8));
  }

  /** Verifies the signature and the timestamp window, then parses the events of the {@code payload=} form body. */
  public List<CentraWebhookEvent> verify(String signatureHeader, byte[] rawBody) {
    Objects.requireNonNull(rawBody, "rawBody");
    if (signatureHeader == null || signatureHeader.isBlank()) {
      throw new CentraWebhookException(Reason.MISSING_SIGNATURE, "No " + SIGNATURE_HEADER + " header");
    }
    String timestamp = null;
    List<byte[]> signatures = new ArrayList<>();
    for (String part : signatureHeader.split(",")) {
      int eq = part.indexOf('=');
      if (eq <= 0) {
        throw new CentraWebhookException(Reason.MALFORMED_SIGNATURE, SIGNATURE_HEADER + " part without key=value");
      }
      String k = part.substring(0, eq).trim();
      String v = part.substring(eq + 1).trim();
      if (k.equals("t")) {
        timestamp = v;
      } else if (k.equals("v1")) {
        byte[] decoded = hexToBytes(v);
        if (decoded == null) {
          throw new CentraWebhookException(Reason.MALFORMED_SIGNATURE, SIGNATURE_HEADER + " v1 is not a SHA-256 hex digest");
        }
        signatures.add(decoded);
      }
      // Other schemes (v0, future versions) are ignored, as their verification is unknown.
    }
    if (timestamp == null || timestamp.isEmpty() || !timestamp.chars().allMatch(Character::isDigit) || timestamp.length() > 12) {
      throw new CentraWebhookException(Reason.MALFORMED_SIGNATURE, SIGNATURE_HEADER + " has no numeric t= timestamp");
    }
    if (signatures.isEmpty()) {
      throw new CentraWebhookException(Reason.MALFORMED_SIGNATURE, SIGNATURE_HEADER + " has no v1= signature");
    }
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
    Duration age = Duration.between(signedAt, clock.instant()).abs();
    if (age.compareTo(tolerance) > 0) {
      throw new CentraWebhookException(Reason.STALE_TIMESTAMP, "Webhook timestamp " + signedAt + " is " + age.getSeconds()
          + " s away from now, outside the " + tolerance.getSeconds() + " s tolerance (replayed or clock skew)");
    }
    byte[] expected = sign(timestamp, rawBody);
    boolean matches = false;
    for (byte[] candidate : signatures) {
      // Constant-time comparison: timing must not reveal how many leading bytes matched.
      matches |= MessageDigest.isEqual(expected, candidate);
    }
    if (!matches) {
      throw new CentraWebhookException(Reason.SIGNATURE_MISMATCH,
          "Webhook signature does not match the body (wrong secret, or the body was changed or re-encoded)");
    }
    return parse(new String(rawBody, StandardCharsets.UTF_8));
  }

  private byte[] sign(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '.');
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static List<CentraWebhookEvent> parse(String body) {
    String json = null;
    for (String pair : body.split("&")) {
      if (pair.startsWith("payload=")) {
        try {
          json = URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          // Bad percent-encoding ("%zz", a trailing "%"): a malformed body, not a programming error.
          throw new CentraWebhookException(Reason.MALFORMED_BODY,
              "Webhook payload= field is not valid form encoding: " + e.getMessage());
        }
      }
    }
    if (json == null) {
      throw new CentraWebhookException(Reason.MALFORMED_BODY, "Webhook body has no payload= field");
    }
    try {
      WebhookPayload payload = PAYLOAD.fromJson(json);
      if (payload == null) {
        throw new CentraWebhookException(Reason.MALFORMED_BODY, "Webhook payload is null");
      }
      return payload.events();
    } catch (IOException | JsonDataException e) {
      throw new CentraWebhookException(Reason.MALFORMED_BODY, "Webhook payload is not the expected JSON: " + e.getMessage());
    }
  }

  private static byte[] hexToBytes(String hex) {
    if (hex.length() != 64) {
      return null;
    }
    byte[] out = new byte[32];
    for (int i = 0; i < 32; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        return null;
      }
      out[i] = (byte) (hi << 4 | lo);
    }
    return out;
  }

  @Override
  public String toString() {
    return "CentraWebhookVerifier[secret=[REDACTED], tolerance=" + tolerance + "]";
  }

  /**
   * Configures a {@link CentraWebhookVerifier}.
   *
   * <pre>{@code
   * CentraWebhookVerifier.builder().secret(secret).tolerance(Duration.ofMinutes(5)).build();
   * }</pre>
   */
  public static final class Builder {
    private String secret;
    private Duration tolerance = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The shared secret configured in the Centra webhook plugin. */
    public Builder secret(String secret) {
      this.secret = secret;
      return this;
    }

    /** How far {@code t} may be from now (either way) before a request counts as replayed; default 5 minutes. */
    public Builder tolerance(Duration tolerance) {
      if (tolerance == null || tolerance.isNegative()) {
        throw new IllegalArgumentException("tolerance must be zero or positive, was " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public CentraWebhookVerifier build() {
      if (secret == null || secret.isEmpty()) {
        throw new IllegalArgumentException("secret is required: the shared secret of the Centra webhook plugin");
      }
      return new CentraWebhookVerifier(this);
    }

    @Override
    public String toString() {
      return "CentraWebhookVerifier.Builder[secret=" + (secret == null ? "unset" : "[REDACTED]") + "]";
    }
  }
}
