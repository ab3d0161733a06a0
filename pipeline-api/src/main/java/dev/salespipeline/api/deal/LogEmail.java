package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Records an email sent or received; {@code occurredAt} is when it was sent. Logging the same email id again changes nothing. */
public record LogEmail(String dealId, String emailId, Direction direction, Instant occurredAt, String subject, String fromAddress, String toAddress, String externalId) implements DealCommand {

    public LogEmail {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("emailId", emailId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
        Bounds.text("subject", subject, Bounds.TEXT_LENGTH);
        Bounds.text("fromAddress", fromAddress, Bounds.EMAIL_LENGTH);
        Bounds.text("toAddress", toAddress, Bounds.EMAIL_LENGTH);
        Bounds.text("externalId", externalId, Bounds.EXTERNAL_ID_LENGTH);
    }
}
