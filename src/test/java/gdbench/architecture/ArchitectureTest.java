package gdbench.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import gdbench.core.Backend;
import gdbench.core.Backends;
import gdbench.core.GdbenchException;
import gdbench.core.Stage;
import gdbench.core.Trainer;
import gdbench.core.TrainingRun;
import gdbench.core.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layering rules of gdbench, checked over the compiled main and benchmark classes. A backend
 * package is any package that holds a {@link Backend} implementation, so a new backend is covered
 * without editing this test.
 */
class ArchitectureTest {
  static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("gdbench");

  /** Packages of the harness and the tools around it: none of them is a backend. */
  static final String CORE = "gdbench.core..";
  static final String RENDERING = "gdbench.report..";
  static final String MEASURING = "gdbench.measure..";
  static final String RUN_FOLDER = "gdbench.runfolder..";
  static final String CLI = "gdbench.cli..";
  static final String BENCHMARKS = "gdbench.bench..";
  static final String STATS = "gdbench.stats..";

  /** Libraries any package may use; every other third-party library belongs to one backend package. */
  static final String[] SHARED_LIBRARIES = {
      "java..", "javax..", "jdk..", "com.sun.management..", "gdbench..", "com.fasterxml.jackson..", "picocli..", "org.apache.commons.csv..",
      "org.apache.commons.math3..", "org.knowm.xchart..", "org.openjdk.jmh..", "org.slf4j.."};

  static List<String> backendPackages() {
    List<String> packages = CLASSES.stream()
        .filter(c -> c.isAssignableTo(Backend.class) && !c.isInterface() && !c.getPackageName().startsWith("gdbench.core"))
        .map(JavaClass::getPackageName)
        .distinct().sorted().toList();
    assertTrue(packages.size() >= 5, "the backends were not found among the compiled classes: " + packages);
    return packages;
  }

  static String[] patterns(List<String> packages) {
    return packages.stream().map(p -> p + "..").toArray(String[]::new);
  }

  @Test
  void coreImportsNoBackendAndNothingBuiltOnIt() {
    List<String> forbidden = new ArrayList<>(backendPackages());
    String[] above = Stream.concat(Stream.of(patterns(forbidden)), Stream.of(RENDERING, MEASURING, RUN_FOLDER, CLI, BENCHMARKS, STATS))
        .toArray(String[]::new);
    noClasses().that().resideInAPackage(CORE).should().dependOnClassesThat().resideInAnyPackage(above).check(CLASSES);
  }

  @Test
  void aBackendImportsNoOtherBackendNorTheRegistry() {
    List<String> backends = backendPackages();
    for (String backend : backends) {
      String[] others = patterns(backends.stream().filter(p -> !p.equals(backend)).toList());
      noClasses().that().resideInAPackage(backend + "..")
          .should().dependOnClassesThat().resideInAnyPackage(others)
          .orShould().dependOnClassesThat().belongToAnyOf(Backends.class)
          .orShould().dependOnClassesThat().resideInAnyPackage(RENDERING, MEASURING, RUN_FOLDER, CLI, BENCHMARKS)
          .check(CLASSES);
    }
  }

  @Test
  void renderingRunsNoTrainerNorEngine() {
    noClasses().that().resideInAPackage(RENDERING)
        .should().dependOnClassesThat().belongToAnyOf(Backend.class, Backends.class, Trainer.class, TrainingRun.class)
        .orShould().dependOnClassesThat().resideInAnyPackage(patterns(backendPackages()))
        .orShould().dependOnClassesThat().resideInAnyPackage(MEASURING, BENCHMARKS, CLI)
        .check(CLASSES);
  }

  /** Reading a run folder needs core's value types, never its registry or trainers. */
  @Test
  void runFoldersAndReportsUseOnlyCoreValueTypes() {
    classes().that().resideInAnyPackage(RENDERING, RUN_FOLDER)
        .should().onlyDependOnClassesThat(
            resideOutsideOfPackage("gdbench..")
                .or(resideInAnyPackage(RENDERING, RUN_FOLDER, STATS))
                .or(belongToAnyOf(GdbenchException.class, Stage.class, Variant.class)))
        .check(CLASSES);
  }

  @Test
  void measuringNeverRenders() {
    noClasses().that().resideInAPackage(MEASURING)
        .should().dependOnClassesThat().resideInAnyPackage(RENDERING, CLI, BENCHMARKS)
        .check(CLASSES);
  }

  @Test
  void benchmarksImportNoRendering() {
    noClasses().that().resideInAPackage(BENCHMARKS)
        .should().dependOnClassesThat().resideInAnyPackage(RENDERING, CLI)
        .check(CLASSES);
  }

  @Test
  void onlyABackendPackageUsesItsLibrary() {
    classes().that().resideOutsideOfPackages(patterns(backendPackages()))
        .should().onlyDependOnClassesThat().resideInAnyPackage(SHARED_LIBRARIES)
        .check(CLASSES);
  }
}
