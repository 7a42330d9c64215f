package io.github.centrasage.sandbox.internal;

/**
 * A request the vendor's published contract does not allow (an unknown or read-only body field, an
 * OData name the resource does not define, a GraphQL document that does not validate against
 * Centra's schema). The sandbox refuses it like the vendor would and the {@link ContractLedger}
 * counts it: a test that passes only because a sandbox accepted such a request proves nothing.
 */
public final class ContractViolation extends BadRequest {
  private static final long serialVersionUID = 1L;

  public ContractViolation(String message) {
    super(400, message);
  }

  public ContractViolation(int status, String message) {
    super(status, message);
  }
}
