package io.github.centrasage.doctor;

/**
 * One check the doctor runs. The built-in checks are added by {@link Doctor.Builder}; a host adds
 * its own (or replaces a built-in one of the same name) with {@link Doctor.Builder#check}. A check
 * reads only: it never writes to Centra, Sage or the store.
 *
 * <p>Usage: {@code Doctor.builder()…check(DoctorCheck.of("host.vat-number", ctx -> …)).build()}.
 */
public interface DoctorCheck {
  /** The check's name, also the prefix of its finding ids ({@code mappings}, {@code contract.centra}). */
  String name();

  /**
   * Runs the check, reporting through {@code context}. An exception is reported as the error
   * {@code <name>.failed} and the other checks still run.
   */
  void run(DoctorContext context);

  /** A check from a name and a body. */
  static DoctorCheck of(String name, java.util.function.Consumer<DoctorContext> body) {
    return new DoctorCheck() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void run(DoctorContext context) {
        body.accept(context);
      }
    };
  }
}
