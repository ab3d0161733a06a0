package dev.salespipeline.query;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.salespipeline.testsupport.ModuleBoundaries;

class ModuleBoundariesTest {

    /**
     * Web classes whose MongoDB reads have not moved to a query component yet. The list only shrinks: a
     * controller moved is taken off it, and no new one is put on it.
     */
    private static final List<String> QUERIES_NOT_MOVED_YET = List.of(
            "dev.salespipeline.query.timeline.web.StageNames",
            "dev.salespipeline.query.timeline.web.TimelineController");

    private static final DescribedPredicate<JavaClass> NOT_MOVED_YET = DescribedPredicate.describe(
            "one of " + QUERIES_NOT_MOVED_YET, type -> QUERIES_NOT_MOVED_YET.stream()
                    .anyMatch(name -> type.getName().equals(name) || type.getName().startsWith(name + "$")));

    @Test
    void dependsOnNoOtherServiceModule() {
        ModuleBoundaries.assertIndependentService("dev.salespipeline.query");
    }

    @Test
    void controllersLeaveMongoDbToTheQueryComponents() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.salespipeline.query");

        noClasses().that().resideInAPackage("..web..")
                .and(not(NOT_MOVED_YET))
                .should().dependOnClassesThat().belongToAnyOf(MongoTemplate.class)
                .orShould().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework.data.mongodb.core.query..",
                        "org.springframework.data.mongodb.core.aggregation..")
                .because("a controller binds the request and calls a query component of its feature "
                        + "(board/BoardQuery, workload/WorkloadQuery, ...), which builds the MongoDB queries")
                .check(production);
    }
}
