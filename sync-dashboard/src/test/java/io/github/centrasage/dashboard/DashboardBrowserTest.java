package io.github.centrasage.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.centrasage.sync.spi.Job;
import io.github.centrasage.sync.spi.JobState;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The page in a real browser: the Debian {@code chromium} and {@code chromium-driver} packages,
 * headless, driven by Selenium with both paths given explicitly so Selenium Manager never
 * downloads anything. Skipped when Chromium is missing, unless {@code CI=true}: then it fails.
 */
class DashboardBrowserTest {
  private static final String CHROMIUM = System.getProperty("dashboard.test.chromium", "/usr/bin/chromium");
  private static final String CHROMEDRIVER = System.getProperty("dashboard.test.chromedriver", "/usr/bin/chromedriver");
  private static final String TOKEN = "browser-test-token-0123";

  @TempDir
  static Path profile;

  /** One browser for the class: starting Chromium is the slow part of this test. */
  private static ChromeDriver browser;
  private TestShop shop;
  private SyncDashboard dashboard;

  /** Skips (or under CI=true fails) each test when Chromium is missing, else starts it once. */
  private static void openBrowser() {
    boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (!present) {
      String message = "Chromium not found at " + CHROMIUM + " and " + CHROMEDRIVER
          + "; install it with: apt-get install -y chromium chromium-driver";
      if ("true".equals(System.getenv("CI"))) {
        throw new AssertionError(message + " (CI=true: the browser test must run)");
      }
      Assumptions.abort(message + " (skipping the browser test)");
    }
    if (browser != null) {
      return;
    }
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--window-size=1400,1000", "--user-data-dir=" + profile.toAbsolutePath());
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(CHROMEDRIVER))
        .usingAnyFreePort()
        .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(20));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.quit();
      browser = null;
    }
  }

  @BeforeEach
  void startDashboard() {
    openBrowser();
    shop = new TestShop();
    // no self-refresh: the test decides when the page reloads
    dashboard = SyncDashboard.start(shop.engine, DashboardOptions.builder().token(TOKEN).refreshInterval(Duration.ZERO)
        .build());
  }

  @AfterEach
  void stopDashboard() {
    if (dashboard != null) {
      dashboard.close();
    }
    if (shop != null) {
      shop.close();
    }
  }

  @Test
  void aPersonSeesAParkedJobIsRefusedWithoutTheTokenAndReplaysItWithTheToken() throws Exception {
    shop.orders.broken.put("1002", "No Sage tax code for 25% in SE");
    Job parked = shop.importOrders("1001", "1002").get(1);
    shop.clock.advance(Duration.ofMinutes(7));

    browser.get(dashboard.url().toString());
    WebElement card = browser.findElement(By.id("job-" + parked.id()));
    assertThat(card.getText()).contains("OrderImport", "1002", "Needs a person", "No Sage tax code for 25% in SE",
        "7 min ago");
    assertThat(browser.findElement(By.cssSelector("tr[data-flow=OrderImport]")).getText()).contains("Needs a person");
    screenshot("dashboard-overview.png");

    // a wrong token: refused, and the job is still parked
    card.findElement(By.name("token")).sendKeys("not-the-token-at-all");
    card.findElement(By.cssSelector("button.replay")).click();
    assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("Refused", "token is wrong");
    assertThat(shop.store.job(parked.id()).orElseThrow().state()).isEqualTo(JobState.PARKED);
    screenshot("dashboard-refused.png");

    // the mapping is fixed; the right token replays the job
    shop.orders.broken.clear();
    browser.get(dashboard.url().toString());
    card = browser.findElement(By.id("job-" + parked.id()));
    card.findElement(By.name("token")).sendKeys(TOKEN);
    card.findElement(By.cssSelector("button.replay")).click();
    assertThat(browser.findElement(By.cssSelector(".flash")).getText()).contains("put back in the queue");
    assertThat(browser.getCurrentUrl()).endsWith("/jobs/" + parked.id() + "?done=replay");

    shop.engine.runOnce("OrderImport");
    browser.navigate().refresh();
    WebElement job = browser.findElement(By.id("job-" + parked.id()));
    assertThat(job.findElement(By.cssSelector("h3 .state")).getText()).isEqualTo("Done");
    assertThat(job.getText()).contains("Replayed by a person", "Succeeded");
    assertThat(shop.store.job(parked.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
    screenshot("dashboard-job.png");

    browser.get(dashboard.url().toString());
    assertThat(browser.findElement(By.id("parked-h")).getText()).isEqualTo("Jobs that need a person (0)");
  }

  @Test
  void theOrderSearchShowsTheJourney() throws Exception {
    shop.importOrders("1234");
    shop.store.bind(io.github.centrasage.sync.store.Binding.builder().entityType("order").centraId("1234").sageId("5501")
        .sageReference("0000012").build());

    browser.get(dashboard.url().toString());
    browser.findElement(By.name("number")).sendKeys("1234");
    browser.findElement(By.cssSelector("form.search button")).click();

    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Order 1234", "0000012", "Done");
    screenshot("dashboard-journey.png");
  }

  @Test
  void theChartsRenderAndJobsThatNeedAPersonStayOnTheFirstScreen() throws Exception {
    // a shop with as many flows as a real one and a recorder, so the retries chart has something to draw
    dashboard.close();
    shop.close();
    DashboardRecorder[] made = new DashboardRecorder[1];
    shop = new TestShop(clock -> made[0] = DashboardRecorder.create(clock), null, java.util.List.of("DespatchToSage",
        "DespatchToCentra", "StockReconcile", "RefundImport", "SettlementPosting", "CatalogPublish"));
    dashboard = SyncDashboard.start(shop.engine, DashboardOptions.builder().token(TOKEN).refreshInterval(Duration.ZERO)
        .recorder(made[0]).build());
    shop.orders.entitiesDone = java.util.OptionalLong.of(0);
    shop.engine.runOnce("StockPublish");
    browser.get(dashboard.url().toString());
    shop.orders.broken.put("1003", "No Sage tax code for 25% in SE");
    shop.orders.failTransiently.add("1001");
    shop.importOrders("1001", "1002", "1003");
    // a long error of a flow that has since recovered must not push the rest of the page down
    shop.stock.transientMessage = "CentraRateLimitException: Centra answered HTTP 429 to Events: "
        + "{\"errors\":[{\"message\":\"Too Many Requests\"}]} ".repeat(8);
    shop.stock.failTransiently.add("P00001-BLK-S");
    shop.stock.pending.add(io.github.centrasage.sync.spi.NewJob.builder().flow("StockPublish").key("sku:P00001-BLK-S")
        .reference("P00001-BLK-S").build());
    shop.engine.runOnce("StockPublish");
    shop.stock.failTransiently.clear();
    for (int i = 0; i < 20 && shop.engine.status("StockPublish").retrying() > 0; i++) {
      shop.clock.advance(Duration.ofSeconds(30));
      shop.engine.runOnce("StockPublish");
    }
    shop.orders.entitiesDone = java.util.OptionalLong.of(2);
    shop.clock.advance(Duration.ofMinutes(20));

    browser.get(dashboard.url().toString());

    for (String chart : java.util.List.of("orders", "stock-lag", "retries")) {
      WebElement svg = browser.findElement(By.cssSelector("#chart-" + chart + " svg"));
      assertThat(svg.getSize().getWidth()).as(chart).isGreaterThan(300);
      assertThat(svg.getSize().getHeight()).as(chart).isGreaterThan(100);
    }
    WebElement ordersBar = browser.findElements(By.cssSelector("#chart-orders rect.bar")).stream()
        .filter(r -> r.getSize().getHeight() > 0).findFirst().orElseThrow();
    assertThat(ordersBar.getCssValue("fill")).as("the stylesheet colours the bars").isEqualTo("rgb(46, 144, 250)");
    WebElement retryBar = browser.findElement(By.cssSelector("#chart-retries rect.bar.cause-transient"));
    assertThat(retryBar.getSize().getHeight()).isGreaterThan(0);
    assertThat(retryBar.getCssValue("fill")).isEqualTo("rgb(247, 144, 9)");
    assertThat(browser.findElements(By.cssSelector("#chart-stock-lag polyline.line"))).hasSize(1);
    assertThat(browser.findElement(By.id("chart-stock-lag")).getText()).contains("behind");
    WebElement resolved = browser.findElement(By.cssSelector("tr[data-flow=StockPublish] td.error.resolved"));
    assertThat(resolved.getText()).startsWith("Earlier, since resolved: sku:P00001-BLK-S: CentraRateLimitException").hasSizeLessThan(100);
    assertThat(resolved.getCssValue("color")).as("muted, not red").isEqualTo("rgba(71, 84, 103, 1)");
    assertThat(browser.findElement(By.cssSelector("tr[data-flow=OrderImport] td.error")).getCssValue("color"))
        .isEqualTo("rgba(180, 35, 24, 1)");

    // what needs a person is on the first screen, above the charts, and nothing is off to the side
    assertThat((Boolean) browser.executeScript(
        "return document.documentElement.scrollWidth <= document.documentElement.clientWidth")).isTrue();
    long viewport = (Long) browser.executeScript("return window.innerHeight");
    int parkedAt = browser.findElement(By.id("parked-h")).getLocation().getY();
    assertThat(parkedAt).isLessThan((int) viewport)
        .isLessThan(browser.findElement(By.id("charts-h")).getLocation().getY());
    assertThat(browser.findElement(By.id("parked-h")).getText()).isEqualTo("Jobs that need a person (1)");
    screenshot("dashboard-charts.png");
  }

  /** For a person to look at; never committed (target/). */
  private void screenshot(String name) throws Exception {
    File shot = browser.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), Path.of("target", name), StandardCopyOption.REPLACE_EXISTING);
  }
}
