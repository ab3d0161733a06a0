package dev.salespipeline.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.salespipeline.testsupport.ModuleBoundaries;

class ModuleBoundariesTest {

    @Test
    void dependsOnNoOtherServiceModule() {
        ModuleBoundaries.assertIndependentService("dev.salespipeline.query");
    }

    @Test
    void controllersLeaveMongoDbToTheQueryComponents() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.salespipeline.query");

        noClasses().that().resideInAPackage("..web..").or().areAnnotatedWith(RestController.class)
                .should().dependOnClassesThat().belongToAnyOf(MongoTemplate.class)
                .orShould().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.data.mongodb.core.query..",
                        "org.springframework.data.mongodb.core.aggregation..")
                .because("a controller binds the request and calls a query component of its feature "
                        + "(board/BoardQuery, workload/WorkloadQuery, ...), which builds the MongoDB queries")
                .check(production);
    }
}
