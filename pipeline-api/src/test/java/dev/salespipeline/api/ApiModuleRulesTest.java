package dev.salespipeline.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import dev.salespipeline.api.envelope.EventTypes;

/**
 * The API module is the contract every service and integration compiles against: records, the
 * envelope and topic names, and no framework.
 */
class ApiModuleRulesTest {

    private final JavaClasses api = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.salespipeline.api");

    @Test
    void dependsOnNothingButTheJdkAndJacksonAnnotations() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "com.fasterxml.jackson.annotation..", "dev.salespipeline.api..")
                .check(api);
    }

    @Test
    void everyPublishedEventIsARegisteredRecord() {
        Set<Class<?>> events = api.stream()
                .filter(c -> c.isAssignableTo(DomainEvent.class) && !c.isInterface())
                .map(JavaClass::reflect)
                .collect(Collectors.toSet());

        assertThat(events).isNotEmpty().allMatch(Class::isRecord);
        Set<Class<?>> registered = EventTypes.all().values().stream()
                .map(EventTypes.Registered::payloadType)
                .collect(Collectors.toSet());
        assertThat(registered).containsExactlyInAnyOrderElementsOf(events);
    }

    @Test
    void everyCommandIsARecordNamingItsTarget() {
        Set<Class<?>> commands = api.stream()
                .filter(c -> c.isAssignableTo(AggregateCommand.class) && !c.isInterface())
                .map(JavaClass::reflect)
                .collect(Collectors.toSet());

        assertThat(commands).isNotEmpty().allMatch(Class::isRecord);
        assertThat(commands).allSatisfy(command -> assertThat(command.getRecordComponents())
                .extracting(RecordComponent::getName).contains("occurredAt"));
    }
}
