package dev.salespipeline.command.consumer;

import static dev.salespipeline.command.consumer.ConsumerFailures.FailureKind.PERMANENT;
import static dev.salespipeline.command.consumer.ConsumerFailures.FailureKind.TRANSIENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.KafkaProducerException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.LogCall;
import dev.salespipeline.command.activity.ingest.ActivityReports;
import dev.salespipeline.command.activity.ingest.RejectedReport;
import dev.salespipeline.command.rules.AccessDenied;
import dev.salespipeline.command.rules.RuleViolation;
import tools.jackson.databind.json.JsonMapper;

/**
 * What command-service's consumers retry and what they dead-letter, on the exceptions that the JDBC driver, Spring,
 * the Kafka client, Axon and our own code really throw: the outages are made for real against a closed port.
 */
class ConsumerFailuresTest {

    // --- the record is at fault ---

    @Test
    void aReportThatIsNotJsonIsPermanent() {
        Throwable failure = catchThrowable(() -> new ActivityReports(Clock.systemUTC())
                .read("{\"sourceSystem\": \"acme-phone\", \"externalId\": ".getBytes(StandardCharsets.UTF_8)));

        assertThat(failure).isInstanceOf(RejectedReport.class);
        assertThat(ConsumerFailures.classify(listenerFailure(failure))).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.reason(listenerFailure(failure))).isEqualTo(RejectedReport.MALFORMED_JSON);
        assertThat(ConsumerFailures.decisiveCause(listenerFailure(failure))).isSameAs(failure);
    }

    @Test
    void undecodableBytesArePermanent() {
        Throwable jackson = catchThrowable(() -> JsonMapper.builder().build().readTree("{\"a\": tru"));
        Throwable jackson2 = catchThrowable(() -> new com.fasterxml.jackson.databind.ObjectMapper().readTree("[1,"));
        DeserializationException springKafka = new DeserializationException("failed to deserialize",
                new byte[] {1, 2}, false, new SerializationException("not a report"));

        assertThat(ConsumerFailures.classify(jackson)).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.classify(jackson2)).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.classify(listenerFailure(springKafka))).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.reason(jackson)).isEqualTo("not-serializable");
        assertThat(ConsumerFailures.reason(springKafka)).isEqualTo("not-serializable");
    }

    @Test
    void aCommandTheDomainRefusesIsPermanent() {
        Throwable badValue = catchThrowable(() -> new LogCall("deal-1", "call-1", Direction.INBOUND, Instant.now(), -5,
                false, null, null, null, null));
        RuleViolation rule = new RuleViolation("ClosedDealPolicy", "deal deal-1 is closed: reopen it first");
        AccessDenied denied = new AccessDenied("DealAccessPolicy", "ben may not change deal deal-1");
        AggregateNotFoundException missing = new AggregateNotFoundException("deal-1", "no such deal");

        assertThat(badValue).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConsumerFailures.classify(badValue)).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.reason(badValue)).isEqualTo("invalid-value");
        assertThat(ConsumerFailures.classify(new CommandExecutionException("refused", rule))).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.reason(new CommandExecutionException("refused", rule))).isEqualTo("rule-violation");
        assertThat(ConsumerFailures.reason(denied)).isEqualTo("access-denied");
        assertThat(ConsumerFailures.reason(missing)).isEqualTo("unknown-aggregate");
        assertThat(ConsumerFailures.classify(missing)).isEqualTo(PERMANENT);
    }

    @Test
    void whatKafkaCannotTakeIsPermanent() {
        ProducerRecord<String, String> record = new ProducerRecord<>("pipeline.events.v1", "deal-1", "{}");
        RecordTooLargeException tooLarge = new RecordTooLargeException(
                "The message is 3000 bytes when serialized which is larger than 2048");

        Throwable sent = new ExecutionException(new KafkaProducerException(record, "Failed to send", tooLarge));
        assertThat(ConsumerFailures.classify(sent)).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.reason(sent)).isEqualTo("too-large");
        assertThat(ConsumerFailures.decisiveCause(sent)).isSameAs(tooLarge);
        assertThat(ConsumerFailures.classify(new SerializationException("cannot serialize"))).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.classify(new InvalidTopicException("bad topic"))).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.classify(new TopicAuthorizationException("no write"))).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.reason(new TopicAuthorizationException("no write"))).isEqualTo("not-authorized");
    }

    @Test
    void aStatementThePostgresServerRefusesIsPermanent() {
        assertThat(ConsumerFailures.classify(new SQLException("duplicate key value", "23505"))).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.classify(new DuplicateKeyException("duplicate key"))).isEqualTo(PERMANENT);
    }

    @Test
    void anUnknownFailureIsPermanent() {
        assertThat(ConsumerFailures.classify(new IllegalStateException("command without an actor"))).isEqualTo(PERMANENT);
        RuntimeException wrapped = new RuntimeException(new NullPointerException("activity"));
        assertThat(ConsumerFailures.classify(wrapped)).isEqualTo(PERMANENT);
        assertThat(ConsumerFailures.reason(wrapped)).isEqualTo("unprocessable");
        assertThat(ConsumerFailures.decisiveCause(wrapped)).isInstanceOf(NullPointerException.class);
    }

    // --- a passing condition ---

    @Test
    void postgresUnreachableIsTransientAsTheDriverSpringAndAxonReportIt() throws IOException {
        String url = "jdbc:postgresql://localhost:" + closedPort() + "/pipeline?connectTimeout=2";
        Throwable driver = catchThrowable(() -> DriverManager.getConnection(url, "pipeline", "pipeline"));
        DriverManagerDataSource dataSource = new DriverManagerDataSource(url, "pipeline", "pipeline");
        Throwable template = catchThrowable(() -> new JdbcTemplate(dataSource).queryForObject("select 1", Integer.class));
        Throwable transaction = catchThrowable(() -> new TransactionTemplate(new DataSourceTransactionManager(dataSource))
                .executeWithoutResult(status -> { }));

        assertThat(driver).isInstanceOf(SQLException.class);
        assertThat(((SQLException) driver).getSQLState()).startsWith("08");
        assertThat(ConsumerFailures.classify(driver)).isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(template)).isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(transaction)).isEqualTo(TRANSIENT);
        // Axon's JDBC engine: a connection it cannot get, and a failed append, which Axon calls non-transient.
        assertThat(ConsumerFailures.classify(new JdbcException("Failed to obtain a database connection", driver)))
                .isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(new EventStoreException("could not be persisted", driver)))
                .isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(new CommandExecutionException("failed", listenerFailure(template))))
                .isEqualTo(TRANSIENT);
    }

    @Test
    void postgresBusyOrGoingDownIsTransient() {
        assertThat(ConsumerFailures.classify(new SQLException("terminating connection due to administrator command",
                "57P01"))).isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(new SQLException("could not serialize access", "40001")))
                .isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(new SQLException("too many connections", "53300"))).isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(new SQLTransientConnectionException("pool exhausted")))
                .isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(new SQLRecoverableException("connection lost"))).isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(new QueryTimeoutException("statement timeout"))).isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(new ConcurrencyException("aggregate changed meanwhile")))
                .isEqualTo(TRANSIENT);
    }

    @Test
    void kafkaUnreachableIsTransientAsTheClientReportsIt() throws IOException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:" + closedPort(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300);
        Throwable failure;
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            failure = catchThrowable(() -> producer.send(new ProducerRecord<>("pipeline.events.v1", "deal-1", "{}"))
                    .get(5, TimeUnit.SECONDS));
        }

        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(ConsumerFailures.classify(failure)).isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.classify(new CompletionException(new NotLeaderOrFollowerException())))
                .isEqualTo(TRANSIENT);
        // The client's own state, not the record's: it passes once the producer is replaced or the broker is back.
        assertThat(ConsumerFailures.classify(new KafkaException("Producer is closed forcefully."))).isEqualTo(TRANSIENT);
    }

    @Test
    void aRefusedConnectionIsTransient() throws IOException {
        int port = closedPort();
        Throwable refused = catchThrowable(() -> new Socket("localhost", port).close());

        assertThat(refused).isInstanceOf(java.net.ConnectException.class);
        assertThat(ConsumerFailures.classify(new CommandExecutionException("failed", refused))).isEqualTo(TRANSIENT);
        assertThat(ConsumerFailures.decisiveCause(new CommandExecutionException("failed", refused))).isSameAs(refused);
    }

    @Test
    void aTransientCauseWinsOverAPermanentWrapper() {
        SQLException lost = new SQLException("An I/O error occurred while sending to the backend", "08006");
        assertThat(ConsumerFailures.classify(new IllegalArgumentException("bad", lost))).isEqualTo(TRANSIENT);
    }

    private static ListenerExecutionFailedException listenerFailure(Throwable cause) {
        return new ListenerExecutionFailedException("Listener method threw", cause);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
