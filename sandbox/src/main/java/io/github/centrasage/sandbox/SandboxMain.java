package io.github.centrasage.sandbox;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs both sandboxes from the command line for people developing against them:
 *
 * <pre>{@code java -cp sandbox.jar:... io.github.centrasage.sandbox.SandboxMain [--centra-port 8100] [--sage-port 8200] [--skus 10000]}</pre>
 *
 * Prints the base URLs and the tokens, then serves until the process is stopped.
 */
public final class SandboxMain {
  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    int centraPort = 0;
    int sagePort = 0;
    int skus = 0;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--centra-port":
          centraPort = parse(args[i], value);
          i++;
          break;
        case "--sage-port":
          sagePort = parse(args[i], value);
          i++;
          break;
        case "--skus":
          skus = parse(args[i], value);
          i++;
          break;
        default:
          System.err.println("unknown option " + args[i]
              + "; usage: SandboxMain [--centra-port N] [--sage-port N] [--skus N]");
          System.exit(2);
      }
    }
    SandboxCatalog catalog = skus > 0 ? SandboxCatalog.generated(skus, 42) : SandboxCatalog.fashionShop();
    SandboxClock clock = SandboxClock.ticking();
    CentraSandbox centra = CentraSandbox.start(CentraSandbox.options().port(centraPort).catalog(catalog).clock(clock));
    Sage200Sandbox sage = Sage200Sandbox.start(Sage200Sandbox.options().port(sagePort).catalog(catalog).clock(clock));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      centra.close();
      sage.close();
      stopped.countDown();
    }, "sandbox-shutdown"));
    describe(System.out, centra, sage, catalog);
    stopped.await();
  }

  static void describe(PrintStream out, CentraSandbox centra, Sage200Sandbox sage, SandboxCatalog catalog) {
    // These tokens only open the local sandboxes, so printing them is the point.
    out.println("Centra sandbox : " + centra.graphqlUrl());
    out.println("  token        : " + centra.token());
    out.println("Sage 200 sandbox: " + sage.baseUrl());
    out.println("  token        : " + sage.token());
    out.println("  X-Site       : " + sage.siteId());
    out.println("  X-Company    : " + sage.companyId());
    out.println("Catalogue      : " + catalog.items().size() + " SKUs in " + catalog.warehouses());
    out.println("Stop with Ctrl+C.");
  }

  private static int parse(String option, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException | NullPointerException e) {
      System.err.println(option + " needs a whole number, got " + value);
      System.exit(2);
      return 0;
    }
  }
}
