package io.github.centrasage.dashboard.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The checks in front of every state-changing call: the token (compared in constant time), the
 * CSRF value of a page's form (a random value signed with this server's key, kept in a
 * {@code SameSite=Strict} cookie and echoed by the form), and that {@code Origin} /
 * {@code Referer}, when a browser sends them, name this very server.
 */
public final class ActionGuard {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** How long a sign-in lasts (where reading needs the token). */
  public static final Duration SESSION = Duration.ofHours(12);

  private final byte[] tokenDigest;
  private final byte[] csrfKey;
  private final Clock clock;

  public ActionGuard(String token) {
    this(token, Clock.systemUTC());
  }

  /** @param clock wall-clock time, for when a sign-in runs out */
  public ActionGuard(String token, Clock clock) {
    this.tokenDigest = sha256(token);
    this.clock = clock;
    // derived from the token, so every instance behind a load balancer signs alike, and a new token
    // ends every sign-in and form made with the old one
    this.csrfKey = hmac(token.getBytes(StandardCharsets.UTF_8), "sync-dashboard cookie key");
  }

  /** A fresh random token for a dashboard started without one. */
  public static String randomToken() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return B64.encodeToString(bytes);
  }

  /**
   * Whether {@code given} is the token. Both sides are hashed first, so the comparison takes the
   * same time whatever the given value's length or first differing character.
   */
  public boolean tokenMatches(String given) {
    return given != null && MessageDigest.isEqual(tokenDigest, sha256(given));
  }

  /** A new CSRF value: random, with this server's signature. */
  public String newCsrfValue() {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String n = B64.encodeToString(nonce);
    return n + "." + sign(n);
  }

  /** Whether a cookie value is one this server issued. */
  public boolean isOwnCsrfValue(String value) {
    if (value == null) {
      return false;
    }
    int dot = value.indexOf('.');
    if (dot <= 0) {
      return false;
    }
    byte[] expected = sign(value.substring(0, dot)).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, value.substring(dot + 1).getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A sign-in cookie's value: when it runs out and a random part, signed with this server's key.
   * The signed text starts with {@code session.}, which a CSRF value's random part never does, so
   * neither kind of value passes for the other.
   */
  public String newSessionValue() {
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String body = clock.instant().plus(SESSION).getEpochSecond() + "." + B64.encodeToString(nonce);
    return body + "." + sign("session." + body);
  }

  /** Whether a sign-in cookie's value is one this server issued and has not run out. */
  public boolean isOwnSessionValue(String value) {
    if (value == null) {
      return false;
    }
    int last = value.lastIndexOf('.');
    int first = value.indexOf('.');
    if (first <= 0 || last <= first) {
      return false;
    }
    String body = value.substring(0, last);
    byte[] expected = sign("session." + body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, value.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
      return false;
    }
    try {
      return clock.instant().getEpochSecond() < Long.parseLong(value.substring(0, first));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Whether the form's CSRF value is the cookie's, and the cookie is ours. */
  public boolean csrfMatches(String cookieValue, String formValue) {
    return isOwnCsrfValue(cookieValue) && formValue != null
        && MessageDigest.isEqual(sha256(cookieValue), sha256(formValue));
  }

  /**
   * Whether the request came from a page of this server: an {@code Origin} header (else a
   * {@code Referer}) must carry the same host and port as the {@code Host} header. A request with
   * neither (curl, a script) passes; it still needs the token.
   */
  public static boolean sameOrigin(Optional<String> origin, Optional<String> referer, String host) {
    Optional<String> source = origin.isPresent() ? origin : referer;
    if (source.isEmpty()) {
      return true;
    }
    if (host == null || source.get().equals("null")) {
      return false; // sandboxed frames and file: pages send "null"
    }
    try {
      URI uri = URI.create(source.get().strip());
      if (uri.getHost() == null) {
        return false;
      }
      String authority = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
      return authority.equals(host.strip().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private String sign(String nonce) {
    return B64.encodeToString(hmac(csrfKey, nonce));
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
