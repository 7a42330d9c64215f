package io.github.centrasage.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's "hello sync" ({@link HelloSync}, kept identical by {@code DocsSnippetsTest}) imports the order it places. */
class ReadmeTest {
  @Test
  void helloSyncImportsTheOrderItPlaces() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      HelloSync.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    original.print(out);

    assertThat(out).containsPattern("Sage order \\S+ for Centra order CENTRA-\\d+, 3 lines");
  }
}
