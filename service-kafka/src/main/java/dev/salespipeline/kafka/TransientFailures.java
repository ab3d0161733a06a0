package dev.salespipeline.kafka;

import java.util.Set;

/**
 * The failures that pass by themselves: a server unreachable, a connection lost, a timeout, a primary being elected.
 * Recognised anywhere in the cause chain, by the class or any of its superclasses, so that the same rule holds
 * whether a driver's exception arrives as it is or wrapped by Spring, Axon or Kafka. Classes are named rather than
 * imported so that a service without the MongoDB driver or JDBC on its class path uses the same list.
 *
 * <p>Everything else is {@linkplain FailureKind#PERMANENT permanent} unless a service says otherwise: a record that
 * fails for a reason not on this list goes to the dead-letter topic, from which an operator can send it back after
 * a fix, rather than stopping its partition for good.
 */
public final class TransientFailures {

    private static final Set<String> TRANSIENT = Set.of(
            // Kafka: every error the client itself would retry (not leader, timeouts, not enough replicas, ...).
            "org.apache.kafka.common.errors.RetriableException",
            "org.apache.kafka.common.errors.DisconnectException",
            "org.apache.kafka.common.errors.InterruptException",
            // Sockets and time-outs, whichever client raised them.
            "java.net.ConnectException",
            "java.net.SocketException",
            "java.net.SocketTimeoutException",
            "java.net.UnknownHostException",
            "java.io.InterruptedIOException",
            "java.util.concurrent.TimeoutException",
            // JDBC and Spring's data access translation.
            "java.sql.SQLTransientException",
            "java.sql.SQLRecoverableException",
            "java.sql.SQLNonTransientConnectionException",
            "org.springframework.dao.TransientDataAccessException",
            "org.springframework.dao.RecoverableDataAccessException",
            "org.springframework.dao.DataAccessResourceFailureException",
            "org.springframework.transaction.CannotCreateTransactionException",
            // The MongoDB driver: no server, a lost connection, no primary for now, an operation timed out.
            "com.mongodb.MongoSocketException",
            "com.mongodb.MongoTimeoutException",
            "com.mongodb.MongoNotPrimaryException",
            "com.mongodb.MongoNodeIsRecoveringException",
            "com.mongodb.MongoExecutionTimeoutException",
            "com.mongodb.MongoConnectionPoolClearedException",
            "com.mongodb.MongoInterruptedException");

    private static final int MAX_CAUSES = 32;

    private TransientFailures() {
    }

    /** Whether this exception itself, not looking at its causes, is one that passes by itself. */
    public static boolean isTransientType(Throwable failure) {
        for (Class<?> type = failure.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (TRANSIENT.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the failure, or anything it was caused by, is one that passes by itself. */
    public static boolean isTransient(Throwable failure) {
        return anyCauseIsA(failure, TRANSIENT);
    }

    /** {@link FailureKind#TRANSIENT} for {@linkplain #isTransient transient} failures, else permanent. */
    public static FailureKind classify(Throwable failure) {
        return isTransient(failure) ? FailureKind.TRANSIENT : FailureKind.PERMANENT;
    }

    /** Whether the failure or one of its causes is an instance of a class named in {@code classNames}. */
    public static boolean anyCauseIsA(Throwable failure, Set<String> classNames) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < MAX_CAUSES; cause = cause.getCause(), depth++) {
            for (Class<?> type = cause.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
                if (classNames.contains(type.getName())) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
