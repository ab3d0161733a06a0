package dev.salespipeline.command.web;

/**
 * The shape of ids accepted over REST (deals, pipelines, stages, targets...): short, URL-safe, and free of characters that would need
 * escaping in Kafka keys, log lines or MongoDB ids.
 */
public final class Identifiers {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    public static final String MESSAGE = "must be 1-100 characters of letters, digits, '.', '_', ':' or '-'";

    private Identifiers() {
    }
}
