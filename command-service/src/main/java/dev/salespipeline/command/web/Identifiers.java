package dev.salespipeline.command.web;

/**
 * The shape of ids accepted over REST (deals, pipelines, stages, targets...): short, URL-safe, and free of characters that would need
 * escaping in Kafka keys, log lines or MongoDB ids.
 */
public final class Identifiers {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    public static final String MESSAGE = "must be 1-100 characters of letters, digits, '.', '_', ':' or '-'";

    /** A deal id chosen by a client: in the deals' namespace ({@code AggregateIds}). */
    public static final String DEAL_PATTERN = "deal-[A-Za-z0-9._:-]{1,95}";
    public static final String DEAL_MESSAGE = "must be 'deal-' and 1-95 characters of letters, digits, '.', '_', "
            + "':' or '-'";
    /** A pipeline id: outside the namespaces of deals and activities ({@code AggregateIds}). */
    public static final String PIPELINE_PATTERN = "(?!deal-|act-)" + PATTERN;
    public static final String PIPELINE_MESSAGE = MESSAGE + ", and may not start with 'deal-' or 'act-'";

    private Identifiers() {
    }
}
