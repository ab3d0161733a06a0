package dev.salespipeline.command.consumer;

import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.common.AxonTransientException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.NonTransientDataAccessException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.support.converter.ConversionException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.TransactionTimedOutException;

import dev.salespipeline.command.activity.ingest.RejectedReport;
import dev.salespipeline.command.rules.AccessDenied;
import dev.salespipeline.command.rules.RuleViolation;
import dev.salespipeline.kafka.TransientFailures;

/**
 * Decides, for each failure of one of command-service's consumers (the activity ingest listener, the activity
 * delivery and the Kafka publisher), whether trying the same record again can help.
 *
 * <p><b>Transient</b>: something the record needs is not there right now, and will be once it is back.
 * PostgreSQL unreachable or overloaded ({@link DataAccessResourceFailureException},
 * {@link TransientDataAccessException}, {@link RecoverableDataAccessException},
 * {@link CannotCreateTransactionException}, {@link TransactionTimedOutException}, {@link TransactionSystemException},
 * {@link SQLTransientException}, {@link SQLRecoverableException}, and any {@link SQLException} whose SQL state is a
 * connection failure, a lack of resources, an operator's shutdown, a serialization failure or a deadlock, which is
 * how the PostgreSQL driver reports them); Kafka unreachable or busy (every {@link RetriableException}, and any
 * other client-side {@link KafkaException} that is not about the record itself, below); the network
 * ({@link SocketException}, among them a refused connection, {@link UnknownHostException}, a read that timed out);
 * timeouts and interruptions; Axon's transient failures ({@link AxonTransientException}: a concurrent change to the
 * same aggregate, a JDBC failure in the event store); a full executor. Such a record is retried with back-off and
 * never skipped.
 *
 * <p><b>Permanent</b>: the record itself is at fault, and sending it again unchanged gives the same answer. It
 * cannot be decoded ({@link RejectedReport}, Jackson's exceptions, {@link SerializationException},
 * {@link DeserializationException}, converter failures), cannot be represented (Kafka refuses its size:
 * {@link RecordTooLargeException}, {@link RecordBatchTooLargeException}; the topic is not valid or not ours to
 * write: {@link InvalidTopicException}, {@link AuthorizationException}), or breaks a rule of its reader (a domain
 * rule: {@link RuleViolation}; a policy: {@link AccessDenied}; a value a record's constructor refuses:
 * {@link IllegalArgumentException}; an aggregate that does not exist: {@link AggregateNotFoundException}; any other
 * {@link AxonNonTransientException} or {@link NonTransientDataAccessException}). Such a record goes to its consumer's
 * dead-letter topic and the stream moves on.
 *
 * <p>The whole cause chain is read, and a transient cause anywhere in it wins: Axon wraps a lost connection in a
 * non-transient {@code EventStoreException}, Spring Kafka wraps everything in its own exceptions, and a transient
 * failure must never be dead-lettered.
 *
 * <p><b>Anything else is permanent.</b> A record dead-lettered by mistake is not lost: it is on a topic, with its
 * reason, and can be sent back once the defect is fixed. A record retried without end for a failure that cannot
 * pass is worse: it stops its whole partition (or the publisher, or the delivery of every later activity) until
 * someone removes it by hand. Hence the transient list is the one kept thorough: an unknown failure of
 * infrastructure that shows up here is to be added to it.
 */
public final class ConsumerFailures {

    /** Whether trying again can help. */
    public enum FailureKind {
        /** A passing condition: retry with back-off, never skip. */
        TRANSIENT,
        /** The record is at fault: dead-letter it and move on. */
        PERMANENT
    }

    /**
     * SQL state classes and codes that mean the server, not the statement, is the problem: 08 connection
     * exception, 53 insufficient resources, 57P01-57P03 administrator or crash shutdown and cannot connect now,
     * 40001 serialization failure, 40P01 deadlock. Any other state (a constraint, a syntax error) is the statement's.
     */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "53");
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("57P01", "57P02", "57P03", "40001", "40P01");

    private ConsumerFailures() {
    }

    /** Whether the consumer should retry the record that failed with {@code failure}, or dead-letter it. */
    public static FailureKind classify(Throwable failure) {
        for (Throwable cause : chain(failure)) {
            if (isTransient(cause)) {
                return FailureKind.TRANSIENT;
            }
        }
        return FailureKind.PERMANENT;
    }

    /**
     * The exception in the chain that decided: the first one that is transient, else the first one on the
     * permanent list, else the innermost cause. Its simple name is the reason tag of the dead-letter count,
     * and its class and message go into the dead letter's headers.
     */
    public static Throwable decisiveCause(Throwable failure) {
        List<Throwable> causes = chain(failure);
        for (Throwable cause : causes) {
            if (isTransient(cause)) {
                return cause;
            }
        }
        Throwable innermost = failure;
        for (Throwable cause : causes) {
            if (isPermanent(cause)) {
                return cause;
            }
            innermost = cause;
        }
        return innermost;
    }

    /**
     * A stable, short code for a permanent failure, as the {@code x-reject-reason} header gives it: the report's
     * own reason for a {@link RejectedReport}, else one of {@code rule-violation}, {@code access-denied},
     * {@code unknown-aggregate}, {@code invalid-value}, {@code too-large}, {@code not-serializable},
     * {@code invalid-topic}, {@code not-authorized}, {@code unprocessable}.
     */
    public static String reason(Throwable failure) {
        Throwable cause = decisiveCause(failure);
        if (cause instanceof RejectedReport rejected) {
            return rejected.reason();
        }
        if (cause instanceof RuleViolation) {
            return "rule-violation";
        }
        if (cause instanceof AccessDenied) {
            return "access-denied";
        }
        if (cause instanceof AggregateNotFoundException) {
            return "unknown-aggregate";
        }
        if (cause instanceof IllegalArgumentException) {
            return "invalid-value";
        }
        if (cause instanceof RecordTooLargeException || cause instanceof RecordBatchTooLargeException) {
            return "too-large";
        }
        if (cause instanceof InvalidTopicException) {
            return "invalid-topic";
        }
        if (cause instanceof AuthorizationException) {
            return "not-authorized";
        }
        return isDecodingFailure(cause) ? "not-serializable" : "unprocessable";
    }

    private static boolean isTransient(Throwable cause) {
        // What passes for every service (service-kafka) passes here too; this class adds JDBC's and Axon's ways.
        if (TransientFailures.isTransientType(cause)) {
            return true;
        }
        if (cause instanceof SQLException sql) {
            return sql instanceof SQLTransientException || sql instanceof SQLRecoverableException
                    || isTransientSqlState(sql.getSQLState());
        }
        if (cause instanceof KafkaException) {
            return cause instanceof RetriableException || cause instanceof InterruptException
                    || !isPermanentKafkaFailure(cause);
        }
        return cause instanceof DataAccessResourceFailureException
                || cause instanceof TransientDataAccessException
                || cause instanceof RecoverableDataAccessException
                || cause instanceof CannotCreateTransactionException
                || cause instanceof TransactionTimedOutException
                || cause instanceof TransactionSystemException
                || cause instanceof AxonTransientException
                || cause instanceof SocketException
                || cause instanceof UnknownHostException
                || cause instanceof InterruptedIOException
                || cause instanceof InterruptedException
                || cause instanceof TimeoutException
                || cause instanceof RejectedExecutionException;
    }

    private static boolean isPermanent(Throwable cause) {
        return cause instanceof RejectedReport
                || cause instanceof RuleViolation
                || cause instanceof AccessDenied
                || cause instanceof IllegalArgumentException
                || cause instanceof AxonNonTransientException
                || cause instanceof NonTransientDataAccessException
                || (cause instanceof KafkaException && isPermanentKafkaFailure(cause))
                || isDecodingFailure(cause);
    }

    /**
     * Kafka failures that concern the record, not the client or the cluster. Other client exceptions (a producer
     * fenced or closed, a sequence out of order after a broker restart) are the client's state and pass.
     */
    private static boolean isPermanentKafkaFailure(Throwable cause) {
        return cause instanceof RecordTooLargeException
                || cause instanceof RecordBatchTooLargeException
                || cause instanceof SerializationException
                || cause instanceof InvalidTopicException
                || cause instanceof AuthorizationException;
    }

    private static boolean isDecodingFailure(Throwable cause) {
        return cause instanceof tools.jackson.core.JacksonException
                || cause instanceof com.fasterxml.jackson.core.JacksonException
                || cause instanceof SerializationException
                || cause instanceof DeserializationException
                || cause instanceof ConversionException
                || cause instanceof MessageConversionException;
    }

    private static boolean isTransientSqlState(String state) {
        return state != null && state.length() == 5
                && (TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_SQL_STATES.contains(state));
    }

    /** The failure and its causes, outermost first, each once (cause chains can loop). */
    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
