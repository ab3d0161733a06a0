package dev.salespipeline.api;

/**
 * A command addressed to one aggregate. The command side routes it by {@link #targetAggregateId()};
 * a non-null {@link #expectedVersion()} makes it fail if the aggregate has moved on meanwhile.
 * (This interface keeps the API module free of any framework: the command side adapts it.)
 */
public interface AggregateCommand {

    String targetAggregateId();

    /** The aggregate version the sender saw, or null to accept any. */
    default Long expectedVersion() {
        return null;
    }
}
