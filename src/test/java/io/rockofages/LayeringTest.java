package io.rockofages;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way: cli, operator -> components -> engine -> aws -> api. Checked on the
 * compiled classes, so a fully qualified name or a lambda's type cannot slip past an import scan.
 */
class LayeringTest {
  private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.rockofages");

  private static final String KUBERNETES = "io.fabric8..";
  private static final String OPERATOR_SDK = "io.javaoperatorsdk..";

  @Test
  void theEngineKnowsNoKubernetesAndNoComponent() {
    noClasses().that().resideInAPackage("io.rockofages.engine..").should().dependOnClassesThat()
        .resideInAnyPackage(KUBERNETES, OPERATOR_SDK, "io.rockofages.components..", "io.rockofages.operator..",
            "io.rockofages.cli..")
        .check(MAIN);
  }

  @Test
  void componentsKnowNoKubernetesAndNoDriver() {
    noClasses().that().resideInAPackage("io.rockofages.components..").should().dependOnClassesThat()
        .resideInAnyPackage(KUBERNETES, OPERATOR_SDK, "io.rockofages.operator..", "io.rockofages.cli..")
        .check(MAIN);
  }

  @Test
  void theAwsLayerKnowsOnlyTheApi() {
    noClasses().that().resideInAPackage("io.rockofages.aws..").should().dependOnClassesThat()
        .resideInAnyPackage(KUBERNETES, OPERATOR_SDK, "io.rockofages.engine..", "io.rockofages.components..",
            "io.rockofages.operator..", "io.rockofages.cli..")
        .check(MAIN);
  }

  @Test
  void theApiKnowsNoAwsAndNothingAboveIt() {
    noClasses().that().resideInAPackage("io.rockofages.api..").should().dependOnClassesThat()
        .resideInAnyPackage(OPERATOR_SDK, "software.amazon..", "io.rockofages.aws..", "io.rockofages.engine..",
            "io.rockofages.components..", "io.rockofages.operator..", "io.rockofages.cli..")
        .check(MAIN);
  }

  @Test
  void theOperatorAndTheCliAreSeparateDrivers() {
    noClasses().that().resideInAPackage("io.rockofages.operator..").should().dependOnClassesThat()
        .resideInAPackage("io.rockofages.cli..").check(MAIN);
  }

  /** Only the catalog wires components together; the component packages never form a cycle (site/ never imports cdn/). */
  @Test
  void componentPackagesHaveNoCycles() {
    slices().matching("io.rockofages.components.(*)..").should().beFreeOfCycles().check(MAIN);
    noClasses().that().resideInAPackage("io.rockofages.components.site..").should().dependOnClassesThat()
        .resideInAPackage("io.rockofages.components.cdn..").check(MAIN);
  }
}
