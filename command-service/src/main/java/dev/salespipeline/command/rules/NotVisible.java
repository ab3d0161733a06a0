package dev.salespipeline.command.rules;

/**
 * The caller may not see this aggregate. Answered with 404, exactly as if it did not exist, so that an
 * answer never tells a caller that a deal, target or activity exists which they may not see: not a 403
 * naming its owner, and not a 412 with its current version. Nothing is stored.
 */
public class NotVisible extends RuntimeException {

    private final String aggregateId;

    public NotVisible(String aggregateId) {
        super("No " + aggregateId + " here.");
        this.aggregateId = aggregateId;
    }

    public String aggregateId() {
        return aggregateId;
    }
}
