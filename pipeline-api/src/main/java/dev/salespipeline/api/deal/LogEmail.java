package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** Records an email sent or received; {@code occurredAt} is when it was sent. Logging the same email id again changes nothing. */
public record LogEmail(String dealId, String emailId, Direction direction, Instant occurredAt, String subject, String fromAddress, String toAddress, String externalId) implements DealCommand {

    public LogEmail {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
