package io.github.centrasage.buildchecks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Adds up the contract ledgers every test JVM of this build wrote (one file per JVM that used a
 * sandbox), prints the build's {@code CONTRACT RESULT} line and fails when a sandbox refused a
 * request that no test meant to send: such a request would be refused by the real Centra or Sage.
 */
class ContractResultTest {

  @Test
  void noTestSentARequestTheVendorsContractsForbid() throws IOException {
    String dir = System.getProperty("centrasage.contract.ledger.dir");
    Path folder = dir == null ? null : Paths.get(dir);
    if (folder == null || !Files.isDirectory(folder)) {
      System.out.println("CONTRACT RESULT no sandbox traffic recorded in this build (" + dir + ")");
      return;
    }
    Map<String, Long> totals = new LinkedHashMap<>();
    Set<String> documents = new TreeSet<>();
    Set<String> inferred = new TreeSet<>();
    List<String> violations = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(folder)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".properties")).sorted().toList();
    }
    for (Path file : files) {
      Properties p = new Properties();
      try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(r);
      }
      for (String key : List.of("centra_requests", "sage_requests", "violations", "refused")) {
        totals.merge(key, Long.parseLong(p.getProperty(key, "0")), Long::sum);
      }
      split(p.getProperty("centra_document_hashes"), documents);
      split(p.getProperty("inferred"), inferred);
      p.stringPropertyNames().stream().filter(k -> k.startsWith("violation.")).sorted()
          .forEach(k -> violations.add(p.getProperty(k)));
    }
    String line = "CONTRACT RESULT centra_documents=" + documents.size()
        + " centra_requests=" + totals.getOrDefault("centra_requests", 0L)
        + " sage_requests=" + totals.getOrDefault("sage_requests", 0L)
        + " violations=" + totals.getOrDefault("violations", 0L)
        + " inferred_names=" + inferred.size();
    System.out.println("contract ledgers: " + files.size() + " test JVMs, " + totals.getOrDefault("refused", 0L)
        + " requests refused on purpose by tests of the refusal");
    violations.forEach(v -> System.out.println("  CONTRACT VIOLATION " + v));
    System.out.println(line);
    assertEquals(0L, totals.getOrDefault("violations", 0L),
        "requests the vendors' published contracts forbid (listed above): " + line);
  }

  private static void split(String csv, Set<String> into) {
    if (csv == null || csv.isBlank()) {
      return;
    }
    for (String s : csv.split(",")) {
      if (!s.isBlank()) {
        into.add(s);
      }
    }
  }
}
