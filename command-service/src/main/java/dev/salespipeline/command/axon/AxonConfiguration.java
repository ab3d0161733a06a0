package dev.salespipeline.command.axon;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.RevisionResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.salespipeline.api.envelope.MetadataKeys;

/**
 * Axon set-up of the command side. The event store is Axon's JDBC storage engine on PostgreSQL
 * (auto-configured from the DataSource; tables created by Flyway).
 */
@Configuration
class AxonConfiguration {

    @Bean
    RevisionResolver revisionResolver() {
        return new EventTypeRevisionResolver();
    }

    /** Actor, source and correlation id of a command are copied onto every event it causes. */
    @Bean
    CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.ACTOR, MetadataKeys.SOURCE, MetadataKeys.CORRELATION_ID);
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
