package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

/** A comment was added to the deal. */
public record CommentAdded(String dealId, String commentId, String text, Instant occurredAt) implements DealEvent {

    public CommentAdded {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
