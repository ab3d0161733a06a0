package dev.salespipeline.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the {@link Infrastructure#shared() shared} {@link Infrastructure}: real Kafka, PostgreSQL and MongoDB
 * servers, started on first use and stopped when the JVM exits. It resolves parameters of type
 * {@link Infrastructure} in constructors, test methods and lifecycle methods. Usually applied through
 * {@link WithInfrastructure}.
 *
 * <p>A plain test:
 * <pre>{@code
 * @WithInfrastructure
 * class DealEventsTopicTest {
 *
 *     @Test
 *     void publishesDealEvents(Infrastructure infrastructure) {
 *         try (var producer = new KafkaProducer<>(Map.of(
 *                 "bootstrap.servers", infrastructure.kafkaBootstrapServers()), ...)) {
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>A Spring Boot test reads the addresses in {@code @DynamicPropertySource}, which runs before the extension can
 * inject anything, so it calls {@link Infrastructure#shared()} itself (Spring Boot 4 reads the MongoDB connection
 * string from {@code spring.mongodb.uri}):
 * <pre>{@code
 * @SpringBootTest
 * @WithInfrastructure
 * class DealProjectionIntegrationTest {
 *
 *     @DynamicPropertySource
 *     static void infrastructure(DynamicPropertyRegistry registry) {
 *         Infrastructure infrastructure = Infrastructure.shared();
 *         registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
 *         registry.add("spring.datasource.url", () -> infrastructure.createPostgresDatabase("command_service_test"));
 *         registry.add("spring.datasource.username", infrastructure::postgresUsername);
 *         registry.add("spring.datasource.password", infrastructure::postgresPassword);
 *         registry.add("spring.mongodb.uri", () -> infrastructure.mongoUri("query_service_test"));
 *     }
 * }
 * }</pre>
 *
 * <p>Which servers these are is chosen by the system property {@value Infrastructure#MODE_PROPERTY}: see
 * {@link InfrastructureMode}.
 */
public final class InfrastructureExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Infrastructure.class;
    }

    @Override
    public Infrastructure resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return Infrastructure.shared();
    }
}
