package dev.salespipeline.api.envelope;

/**
 * Keys of the event metadata that the command side records with every event and that the
 * publisher copies into the {@link EventEnvelope}.
 */
public final class MetadataKeys {

    public static final String ACTOR = "actor";
    public static final String SOURCE = "source";
    /** Same key as Axon's correlation data provider uses, so Axon propagates it to caused messages. */
    public static final String CORRELATION_ID = "correlationId";
    /** The actor's team when the command was sent, if any. */
    public static final String TEAM = "team";
    /** The actor's roles when the command was sent, comma-separated lower-case names. */
    public static final String ROLES = "roles";

    private MetadataKeys() {
    }
}
