package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Records that the client opened an email (as the email system reports it). */
public record RecordEmailOpened(String dealId, String emailId, Instant occurredAt) implements DealCommand {

    public RecordEmailOpened {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("emailId", emailId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }
}
