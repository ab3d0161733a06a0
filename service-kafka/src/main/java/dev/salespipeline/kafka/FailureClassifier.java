package dev.salespipeline.kafka;

/**
 * A consumer's decision, per failure, whether retrying can help. Each service writes its classification down in one
 * class implementing this, usually starting from {@link TransientFailures}.
 */
@FunctionalInterface
public interface FailureClassifier {

    FailureKind classify(Throwable failure);
}
