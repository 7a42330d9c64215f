package io.github.centrasage.sandbox.internal;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts, for the whole JVM, what the sandboxes received and how much of it broke the vendors'
 * published contracts. One line sums it up:
 *
 * <pre>CONTRACT RESULT centra_documents=… centra_requests=… sage_requests=… violations=0 inferred_names=…</pre>
 *
 * <p>Violations provoked on purpose (a sandbox switched to {@code expectContractViolations()} by a
 * test that checks the refusal) are counted as {@code refused}, not as violations. When the system
 * property {@value #DIR_PROPERTY} names a folder (the build sets it for every test JVM), the counts
 * are written there when the JVM ends, so the build can add up every module's test run.
 */
public final class ContractLedger {
  /** The folder each test JVM writes its counts to. */
  public static final String DIR_PROPERTY = "centrasage.contract.ledger.dir";
  private static final int DETAILS_KEPT = 50;

  private static final AtomicLong CENTRA_REQUESTS = new AtomicLong();
  private static final AtomicLong SAGE_REQUESTS = new AtomicLong();
  private static final AtomicLong VIOLATIONS = new AtomicLong();
  private static final AtomicLong REFUSED = new AtomicLong();
  private static final Set<String> CENTRA_DOCUMENTS = ConcurrentHashMap.newKeySet();
  private static final Map<String, Set<String>> INFERRED = new ConcurrentHashMap<>();
  private static final List<String> DETAILS = new ArrayList<>();

  static {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir != null && !dir.isBlank()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> writeTo(Paths.get(dir)), "contract-ledger"));
    }
  }

  private ContractLedger() {}

  /** The vendor behind a sandbox. */
  public enum Api {
    CENTRA, SAGE
  }

  /** One request reached a sandbox of {@code api}. */
  public static void request(Api api) {
    (api == Api.CENTRA ? CENTRA_REQUESTS : SAGE_REQUESTS).incrementAndGet();
  }

  /** A GraphQL document the Centra sandbox executed (counted once per distinct text). */
  public static void centraDocument(String document) {
    CENTRA_DOCUMENTS.add(sha256(document));
  }

  /**
   * Names of {@code api}'s contract that are inferred (not confirmed by the vendor's published
   * material); reported as {@code inferred_names}, the distinct names over both contracts.
   */
  public static void inferredNames(Api api, Set<String> names) {
    INFERRED.computeIfAbsent(api.name(), k -> ConcurrentHashMap.newKeySet()).addAll(names);
  }

  /**
   * A request broke the contract. {@code expected} is true when the sandbox was told a test provokes
   * such requests on purpose.
   */
  public static void violation(Api api, String operation, String reason, boolean expected) {
    if (expected) {
      REFUSED.incrementAndGet();
      return;
    }
    VIOLATIONS.incrementAndGet();
    synchronized (DETAILS) {
      if (DETAILS.size() < DETAILS_KEPT) {
        DETAILS.add(api + " " + operation + ": " + reason);
      }
    }
  }

  /** The counts so far, as the result line's figures. */
  public static Map<String, Long> figures() {
    Map<String, Long> out = new LinkedHashMap<>();
    out.put("centra_documents", (long) CENTRA_DOCUMENTS.size());
    out.put("centra_requests", CENTRA_REQUESTS.get());
    out.put("sage_requests", SAGE_REQUESTS.get());
    out.put("violations", VIOLATIONS.get());
    out.put("refused", REFUSED.get());
    out.put("inferred_names", (long) INFERRED.values().stream().mapToInt(Set::size).sum());
    return out;
  }

  /** The unexpected violations seen so far (the first {@value #DETAILS_KEPT}). */
  public static List<String> violationDetails() {
    synchronized (DETAILS) {
      return List.copyOf(DETAILS);
    }
  }

  /** {@code CONTRACT RESULT centra_documents=… centra_requests=… sage_requests=… violations=… inferred_names=…}. */
  public static String resultLine() {
    return resultLine(figures());
  }

  /** The result line for {@code figures} (as {@link #figures()} names them). */
  public static String resultLine(Map<String, Long> figures) {
    StringBuilder line = new StringBuilder("CONTRACT RESULT");
    for (String key : List.of("centra_documents", "centra_requests", "sage_requests", "violations", "inferred_names")) {
      line.append(' ').append(key).append('=').append(figures.getOrDefault(key, 0L));
    }
    return line.toString();
  }

  private static void writeTo(Path dir) {
    Map<String, Long> figures = figures();
    if (figures.get("centra_requests") + figures.get("sage_requests") == 0) {
      return;
    }
    Properties p = new Properties();
    figures.forEach((k, v) -> p.setProperty(k, Long.toString(v)));
    p.setProperty("centra_document_hashes", String.join(",", new TreeSet<>(CENTRA_DOCUMENTS)));
    List<String> inferred = new ArrayList<>();
    INFERRED.forEach((api, names) -> names.forEach(n -> inferred.add(api + ":" + n)));
    p.setProperty("inferred", String.join(",", inferred));
    List<String> details = violationDetails();
    for (int i = 0; i < details.size(); i++) {
      p.setProperty("violation." + i, details.get(i));
    }
    try {
      Files.createDirectories(dir);
      try (Writer w = Files.newBufferedWriter(dir.resolve("ledger-" + UUID.randomUUID() + ".properties"),
          StandardCharsets.UTF_8)) {
        p.store(w, "sandbox contract ledger of one test JVM");
      }
    } catch (IOException e) {
      System.err.println("contract ledger: could not write to " + dir + ": " + e);
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
