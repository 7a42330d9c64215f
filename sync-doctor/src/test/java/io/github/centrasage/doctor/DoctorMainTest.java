package io.github.centrasage.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.integration.Mappings;
import io.github.centrasage.testing.SandboxShop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: mappings file + environment in, report and exit code out. */
class DoctorMainTest {
  private static SandboxShop shop;
  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void start() {
    shop = SandboxShop.start();
  }

  @AfterAll
  static void stop() {
    shop.close();
  }

  private Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("CENTRA_BASE_URL", shop.centra().baseUrl());
    env.put("CENTRA_TOKEN", shop.centra().token());
    env.put("SAGE_BASE_URL", shop.sage().baseUrl());
    env.put("SAGE_SITE_ID", shop.sage().siteId());
    env.put("SAGE_COMPANY_ID", Long.toString(shop.sage().companyId()));
    env.put("SAGE_ACCESS_TOKEN", shop.sage().token());
    return env;
  }

  /** The seed shop's mappings as a file, with the 20% tax line set to {@code standardVat}. */
  private Path mappingsFile(long standardVat) throws IOException {
    Mappings m = shop.mappings();
    StringBuilder p = new StringBuilder();
    m.currencies().forEach((iso, id) -> p.append("currency.").append(iso).append(" = ").append(id).append('\n'));
    p.append("tax.*.20 = ").append(standardVat).append('\n');
    p.append("tax.*.0 = ").append(m.taxCodes().get(1).sageTaxCodeId()).append('\n');
    p.append("payment.adyen.clearingBank = 1210\npayment.adyen.currentBank = 1200\n"
        + "payment.adyen.feesNominal = 7901\npayment.adyen.varianceNominal = 9999\n");
    m.warehouses().forEach((c, s) -> p.append("warehouse.").append(c).append(" = ").append(s).append('\n'));
    p.append("customer.UK = account:WEBGBP\ncustomer.EU = account:WEBEUR\nshipping.chargeCode = CARRIAGE\n");
    Path file = dir.resolve("mappings.properties");
    Files.writeString(file, p.toString(), StandardCharsets.UTF_8);
    return file;
  }

  private int run(String... args) {
    return DoctorMain.run(args, env(), new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void goodMappingsExitZeroAndEndWithTheSummaryLine() throws IOException {
    int code = run(mappingsFile(shop.mappings().taxCodes().get(0).sageTaxCodeId()).toString(), "--allow-http",
        "--discovery=POLLING");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).as(printed).isZero();
    assertThat(printed.strip().lines().reduce((a, b) -> b).orElseThrow()).startsWith("DOCTOR RESULT errors=0 ");
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("masterdata: 500 Centra SKUs checked")
        .doesNotContain(shop.centra().token());
  }

  @Test
  void anErrorExitsOneAndJsonCarriesTheFinding() throws IOException {
    int code = run(mappingsFile(424242).toString(), "--allow-http", "--discovery=POLLING", "--json");

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(code).isEqualTo(1);
    assertThat(printed).startsWith("{\"result\":{\"errors\":1,").contains("\"id\":\"mappings.tax-code.missing\"")
        .contains("DOCTOR RESULT errors=1 ");
  }

  @Test
  void missingCredentialsExitTwoNamingTheVariables() {
    Map<String, String> env = env();
    env.remove("CENTRA_TOKEN");
    env.remove("SAGE_ACCESS_TOKEN");

    int code = DoctorMain.run(new String[] {"m.properties"}, env, new PrintStream(out), new PrintStream(err, true,
        StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("set CENTRA_TOKEN, SAGE_CLIENT_ID (or SAGE_ACCESS_TOKEN)");
  }
}
