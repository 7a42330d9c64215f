package io.github.centrasage.sandbox;

import io.github.centrasage.sandbox.internal.ContractLedger;
import java.util.List;
import java.util.Map;

/**
 * What the sandboxes of this JVM received, measured against the vendors' published contracts: a
 * sandbox refuses what Centra's schema or Sage's OpenAPI description does not allow, and counts it.
 *
 * <pre>{@code System.out.println(ContractResult.line());
 * // CONTRACT RESULT centra_documents=31 centra_requests=8520 sage_requests=6104 violations=0 inferred_names=22}</pre>
 */
public final class ContractResult {
  private ContractResult() {}

  /** {@code CONTRACT RESULT centra_documents=… centra_requests=… sage_requests=… violations=… inferred_names=…}. */
  public static String line() {
    return ContractLedger.resultLine();
  }

  /** The figures of {@link #line()} plus {@code refused} (violations provoked on purpose by a test). */
  public static Map<String, Long> figures() {
    return ContractLedger.figures();
  }

  /** The unexpected violations so far, each as {@code "API operation: reason"} (the first 50). */
  public static List<String> violations() {
    return ContractLedger.violationDetails();
  }
}
