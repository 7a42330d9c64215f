package io.github.centrasage.examples;

/**
 * The end-to-end demo: both sandboxes, an embedded H2 store and every flow, playing a compressed
 * trading day and checking the invariants at the end.
 *
 * <p>Run it with {@code mvn -B -ntp -Pdemo -pl examples -am verify -DskipTests}. The flows land
 * one by one; until they do, the demo says which parts exist so far.
 */
public final class Demo {
  private Demo() {}

  public static void main(String[] args) {
    System.out.println("centra-sage200 demo: the sandboxes and flows are being built; "
        + "this command will play a full trading day once they land (see README, Roadmap).");
  }
}
