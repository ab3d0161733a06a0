package dev.salespipeline.kafka;

/** Whether retrying a record that failed can help. */
public enum FailureKind {

    /**
     * A server is down, slow or refusing for now (MongoDB, PostgreSQL or Kafka unreachable, a timeout): the same
     * record will go through once it is back, so it is retried with back-off and never skipped.
     */
    TRANSIENT,

    /**
     * The record itself is at fault (it cannot be decoded, cannot be represented in the store, or breaks a rule of
     * the reader): retrying gives the same answer, so it goes to the consumer's dead-letter topic with the reason
     * and the partition moves on.
     */
    PERMANENT
}
