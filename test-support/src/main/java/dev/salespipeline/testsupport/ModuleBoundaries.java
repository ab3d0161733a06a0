package dev.salespipeline.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The rule that keeps the services apart: no service module depends on another one. The topic
 * contract in the API module is their only coupling.
 *
 * <p>Checked from inside each service's tests, on everything its class path holds, so a Maven
 * dependency on another service fails the build as surely as an import does.
 */
public final class ModuleBoundaries {

    /** Root packages of the service modules. */
    public static final List<String> SERVICE_PACKAGES = List.of(
            "dev.salespipeline.command",
            "dev.salespipeline.query",
            "dev.salespipeline.analytics",
            "dev.salespipeline.launcher");

    private static final String EMBEDDED_SERVERS = "dev.salespipeline.infra..";
    private static final String TEST_SUPPORT = "dev.salespipeline.testsupport..";

    private ModuleBoundaries() {
    }

    /**
     * Fails unless the class path is free of other services' classes and the service's own production
     * code uses neither another service nor the embedded test servers.
     *
     * @param ownPackage the root package of the calling service, one of {@link #SERVICE_PACKAGES}
     */
    public static void assertIndependentService(String ownPackage) {
        if (!SERVICE_PACKAGES.contains(ownPackage)) {
            throw new IllegalArgumentException(ownPackage + " is not one of " + SERVICE_PACKAGES);
        }
        String[] others = SERVICE_PACKAGES.stream()
                .filter(service -> !service.equals(ownPackage))
                .map(service -> service + "..")
                .toArray(String[]::new);
        JavaClasses everything = new ClassFileImporter().importPackages("dev.salespipeline");
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ownPackage);

        noClasses().should().resideInAnyPackage(others)
                .because("a service module must not have another service module on its class path")
                .check(everything);
        noClasses().that().resideInAPackage(ownPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(EMBEDDED_SERVERS, TEST_SUPPORT)
                .because("embedded servers and test support are for tests and the local launcher only")
                .check(production);
    }
}
