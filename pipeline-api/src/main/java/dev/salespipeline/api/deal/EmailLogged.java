package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** An email was sent or received; {@code occurredAt} is when it was sent. */
public record EmailLogged(String dealId, String emailId, Direction direction, Instant occurredAt, String subject, String fromAddress, String toAddress, String externalId) implements DealEvent {

    public EmailLogged {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
