package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** The client opened an email; {@code occurredAt} is when. */
public record EmailOpened(String dealId, String emailId, Instant occurredAt) implements DealEvent {

    public EmailOpened {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(emailId, "emailId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
