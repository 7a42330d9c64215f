package io.github.centrasage.buildchecks;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps the module graph one-way, read from every published module's compiled classes with
 * ArchUnit: the clients build on the HTTP core and never on each other; the HTTP core knows no
 * client; the sandboxes know nothing of the engine; and no module reaches into another module's
 * {@code .internal} packages, except that the two clients use the HTTP core's (it exists to be
 * their shared implementation). Inside sync-core the engine knows no vendor and no flow, its SPI
 * depends on nothing of the library but itself and the HTTP core, and the top-level packages form
 * no cycle. A new dependency that breaks a rule fails the build with the classes that broke it.
 */
class ModuleGraphTest {
  /** Module directory → root package (no two roots nest). */
  private static final Map<String, String> MODULES = new LinkedHashMap<>();

  static {
    MODULES.put("centra-sage200-http", "io.github.centrasage.http");
    MODULES.put("centra-client", "io.github.centrasage.centra");
    MODULES.put("sage200-client", "io.github.centrasage.sage200");
    MODULES.put("sync-core", "io.github.centrasage.sync");
    MODULES.put("sandbox", "io.github.centrasage.sandbox");
    MODULES.put("sync-dashboard", "io.github.centrasage.dashboard");
    MODULES.put("sync-doctor", "io.github.centrasage.doctor");
    MODULES.put("sync-testing", "io.github.centrasage.testing");
    MODULES.put("centra-sage200-micrometer", "io.github.centrasage.micrometer");
    MODULES.put("centra-sage200-spring-boot-starter", "io.github.centrasage.spring");
  }

  /**
   * Reaches into another module's internals that predate this check, as "module → package". Each is
   * to go (issue 22: the sandbox from parts, the engine that knows no vendor); the test fails when
   * one is no longer used, so the list only shrinks, and on any use not listed here.
   */
  private static final Set<String> KNOWN_INTERNAL_USES = Set.of(
      // The Sage sandbox refuses any name outside the client's contract, which it reads directly.
      "sandbox -> io.github.centrasage.sage200.internal",
      // The go-live doctor checks the store schema version and the order mapping as the engine does.
      "sync-doctor -> io.github.centrasage.sync.integration.internal",
      "sync-doctor -> io.github.centrasage.sync.order.internal",
      "sync-doctor -> io.github.centrasage.sync.store.internal");

  private static final Set<String> EVERY_OTHER = Set.of("*");
  private static final String HTTP = "centra-sage200-http";

  /** Modules each module must not depend on at all ({@code *}: none but itself). */
  private static final Map<String, Set<String>> MUST_NOT_USE = Map.of(
      HTTP, EVERY_OTHER,
      "centra-client", allBut(HTTP),
      "sage200-client", allBut(HTTP),
      // The sandboxes emulate the vendors; they use the clients' public contracts, never the engine.
      "sandbox", Set.of("sync-core", "sync-dashboard", "sync-doctor", "sync-testing", "centra-sage200-micrometer",
          "centra-sage200-spring-boot-starter"));

  private static Set<String> allBut(String allowed) {
    Set<String> out = new TreeSet<>(MODULES.keySet());
    out.remove(allowed);
    return out;
  }

  @Test
  void dependenciesBetweenModulesGoOneWay() {
    Path root = Paths.get(System.getProperty("user.dir")).getParent();
    List<String> violations = new ArrayList<>();
    Set<String> knownSeen = new TreeSet<>();
    Map<String, Set<String>> uses = new LinkedHashMap<>();
    for (Map.Entry<String, String> module : MODULES.entrySet()) {
      Path classes = root.resolve(module.getKey()).resolve("target/classes");
      assertThat(classes).as("compiled classes of %s (build it first)", module.getKey()).isDirectory();
      JavaClasses imported = new ClassFileImporter().importPath(classes);
      assertThat(imported).as("classes of %s", module.getKey()).isNotEmpty();
      Set<String> used = new TreeSet<>();
      for (JavaClass javaClass : imported) {
        for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
          String target = dependency.getTargetClass().getBaseComponentType().getPackageName();
          String owner = ownerOf(target);
          if (owner == null || owner.equals(module.getKey())) {
            continue;
          }
          used.add(owner);
          String why = why(module.getKey(), owner, target);
          String use = module.getKey() + " -> " + target;
          if (why != null && KNOWN_INTERNAL_USES.contains(use)) {
            knownSeen.add(use);
          } else if (why != null) {
            violations.add(module.getKey() + ": " + dependency.getDescription() + " (" + why + ")");
          }
        }
      }
      uses.put(module.getKey(), used);
    }
    assertThat(violations).as("dependencies against the module graph").isEmpty();
    assertThat(knownSeen).as("known internal uses still in the code (remove the others from KNOWN_INTERNAL_USES)")
        .containsExactlyInAnyOrderElementsOf(KNOWN_INTERNAL_USES);
    // The point of the HTTP core: both clients are built on it.
    assertThat(uses.get("centra-client")).contains(HTTP);
    assertThat(uses.get("sage200-client")).contains(HTTP);
  }

  @Test
  void theRulesThemselvesCatchWhatTheyAreFor() {
    assertThat(why("centra-sage200-http", "centra-client", "io.github.centrasage.centra")).isNotNull();
    assertThat(why("centra-client", "sage200-client", "io.github.centrasage.sage200")).isNotNull();
    assertThat(why("sandbox", "sync-core", "io.github.centrasage.sync")).isNotNull();
    assertThat(why("sync-dashboard", "centra-client", "io.github.centrasage.centra.internal")).isNotNull();
    assertThat(why("sync-core", "sandbox", "io.github.centrasage.sandbox.internal")).isNotNull();
    assertThat(why("centra-client", HTTP, "io.github.centrasage.http.internal")).isNull();
    assertThat(why("sync-core", HTTP, "io.github.centrasage.http.internal")).isNotNull();
    assertThat(why("sync-dashboard", "sync-core", "io.github.centrasage.sync")).isNull();
  }

  /** sync-core's root package; the fixture under {@code buildchecks.fixture.sync} mirrors its layout. */
  private static final String SYNC = "io.github.centrasage.sync";

  /**
   * The engine (the root package alone, the SPI, and their internals) knows neither client, nor the
   * Integration, the flows' store facets or any flow: those build on the engine, never the reverse.
   */
  static ArchRule engineKnowsNoVendorAndNoFlow(String sync) {
    return noClasses().that().resideInAnyPackage(sync, sync + ".spi", sync + ".spi.internal", sync + ".internal")
        .should().dependOnClassesThat().resideInAnyPackage("io.github.centrasage.centra..",
            "io.github.centrasage.sage200..", sync + ".integration..", sync + ".store..", sync + ".order..",
            sync + ".stock..", sync + ".despatch..", sync + ".catalog..", sync + ".finance..")
        .because("the engine knows no vendor and no flow; flows and stores build on it (issue 22)");
  }

  /** The store and flow SPI stands on its own: a third party implements it reading one package. */
  static ArchRule spiUsesOnlyItselfAndTheHttpCore(String sync) {
    return noClasses().that().resideInAPackage(sync + ".spi..")
        .should().dependOnClassesThat(resideInAPackage("io.github.centrasage..")
            .and(not(resideInAnyPackage(sync + ".spi..", "io.github.centrasage.http.."))))
        .because("the SPI depends on nothing above it, so the engine and the SPI form no cycle");
  }

  /** No cycle among sync-core's top-level packages ({@code spi}, {@code store}, {@code order}…). */
  static SliceRule noCyclesAmongTopLevelPackages(String sync) {
    return slices().matching(sync + ".(*)..").namingSlices("sync.$1").should().beFreeOfCycles();
  }

  @Test
  void theEngineInsideSyncCoreGoesOneWay() {
    Path classes = Paths.get(System.getProperty("user.dir")).getParent().resolve("sync-core/target/classes");
    assertThat(classes).as("compiled classes of sync-core (build it first)").isDirectory();
    JavaClasses syncCore = new ClassFileImporter().importPath(classes);

    // every rule's violations in one report, so one run shows all there is to fix
    List<String> violations = new ArrayList<>();
    for (ArchRule rule : List.of(engineKnowsNoVendorAndNoFlow(SYNC), spiUsesOnlyItselfAndTheHttpCore(SYNC))) {
      EvaluationResult result = rule.evaluate(syncCore);
      if (result.hasViolation()) {
        violations.add(result.getFailureReport().toString());
      }
    }
    EvaluationResult cycleResult = noCyclesAmongTopLevelPackages(SYNC).evaluate(syncCore);
    if (cycleResult.hasViolation()) {
      violations.add(cycleResult.getFailureReport().toString());
    }
    assertThat(violations).as("sync-core against its one-way engine shape").isEmpty();

  }

  @Test
  void theEngineRulesCatchWhatTheyAreFor() {
    String sync = "io.github.centrasage.buildchecks.fixture.sync";
    JavaClasses fixture = new ClassFileImporter().importPackages(sync);

    assertThat(violations(engineKnowsNoVendorAndNoFlow(sync), fixture))
        .anyMatch(v -> v.contains("fixture.sync.FixtureEngine") && v.contains("io.github.centrasage.centra.CentraClient"))
        .anyMatch(v -> v.contains("fixture.sync.internal.FixtureRunner") && v.contains("fixture.sync.store.FixtureStore"))
        .noneMatch(v -> v.contains("fixture.sync.order.")); // a flow may use the engine
    assertThat(violations(spiUsesOnlyItselfAndTheHttpCore(sync), fixture))
        .anyMatch(v -> v.contains("fixture.sync.spi.FixtureFlow") && v.contains("fixture.sync.FixtureEngine"))
        .noneMatch(v -> v.contains("io.github.centrasage.http."));
    assertThat(violations(noCyclesAmongTopLevelPackages(sync), fixture))
        .anyMatch(v -> v.contains("sync.order") && v.contains("sync.stock"));
  }

  private static List<String> violations(ArchRule rule, JavaClasses classes) {
    EvaluationResult result = rule.evaluate(classes);
    assertThat(result.hasViolation()).as("%s finds the fixture's violations", rule.getDescription()).isTrue();
    return result.getFailureReport().getDetails();
  }

  /** Why {@code module} must not use {@code target} (a package of {@code owner}), or null if it may. */
  static String why(String module, String owner, String target) {
    Set<String> banned = MUST_NOT_USE.getOrDefault(module, Set.of());
    if (banned.contains("*") || banned.contains(owner)) {
      return module + " must not depend on " + owner;
    }
    boolean internal = (target + ".").contains(".internal.");
    boolean clientUsingCore = owner.equals(HTTP) && (module.equals("centra-client") || module.equals("sage200-client"));
    if (internal && !clientUsingCore) {
      return target + " is internal to " + owner;
    }
    return null;
  }

  private static String ownerOf(String packageName) {
    for (Map.Entry<String, String> module : MODULES.entrySet()) {
      String rootPackage = module.getValue();
      if (packageName.equals(rootPackage) || packageName.startsWith(rootPackage + ".")) {
        return module.getKey();
      }
    }
    return null;
  }
}
