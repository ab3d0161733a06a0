package dev.salespipeline.command.target.web;

/**
 * The shape of owner and team ids accepted over REST, the same as for deals and pipelines: short,
 * URL-safe, and free of characters that would need escaping in Kafka keys, log lines or MongoDB ids.
 */
final class Identifiers {

    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    static final String MESSAGE = "must be 1-100 characters of letters, digits, '.', '_', ':' or '-'";

    private Identifiers() {
    }
}
