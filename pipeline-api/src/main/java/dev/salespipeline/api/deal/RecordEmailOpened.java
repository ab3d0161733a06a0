package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** Records that the client opened an email (as the email system reports it). */
public record RecordEmailOpened(String dealId, String emailId, Instant occurredAt) implements DealCommand {

    public RecordEmailOpened {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
