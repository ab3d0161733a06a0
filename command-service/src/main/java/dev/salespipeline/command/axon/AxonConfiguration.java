package dev.salespipeline.command.axon;

import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.RevisionResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.salespipeline.api.envelope.MetadataKeys;

/**
 * Axon set-up of the command side. The event store is Axon's JDBC storage engine on PostgreSQL,
 * its tables created by Flyway.
 *
 * <p>The storage engine, token store and transaction manager are declared here rather than left to
 * Axon's auto-configuration: Axon 4.13 orders its JDBC and transaction auto-configurations after
 * Spring Boot 3's class names, so on Spring Boot 4 they can be evaluated before the DataSource exists
 * and silently fall back to no event store and a no-op transaction manager.
 */
@Configuration
class AxonConfiguration {

    /** Event appends, token updates and the publisher's work run in Spring's JDBC transactions. */
    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(new UniqueViolationResolver())
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                          @Value("${pipeline.axon.token-claim-timeout:10s}") Duration claimTimeout,
                          @Value("${pipeline.axon.node-id:}") String nodeId) {
        JdbcTokenStore.Builder tokens = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .claimTimeout(claimTimeout);
        // Unset, the owner of a claim is the process (Axon's default: pid@host), which is what instances are.
        if (!nodeId.isBlank()) {
            tokens.nodeId(nodeId);
        }
        return tokens.build();
    }

    @Bean
    RevisionResolver revisionResolver() {
        return new EventTypeRevisionResolver();
    }

    /** Actor, roles, team, source and correlation id of a command are copied onto every event it causes. */
    @Bean
    CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.ACTOR, MetadataKeys.ROLES, MetadataKeys.TEAM,
                MetadataKeys.SOURCE, MetadataKeys.CORRELATION_ID);
    }

    /**
     * The id of the message that caused an event is its causation id. Axon's default provider would
     * write the causing message's id under {@code correlationId}; the request's correlation id is kept
     * there instead, by the provider above.
     */
    @Bean
    CorrelationDataProvider causationProvider() {
        return new MessageOriginProvider("causationId", "traceId");
    }

    /**
     * The Jackson 2 mapper Axon's serializer uses for events, snapshots and tokens (Spring Boot 4's own
     * mapper is Jackson 3, which Axon 4 does not use). Dates are written as ISO-8601 text.
     */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }
}
