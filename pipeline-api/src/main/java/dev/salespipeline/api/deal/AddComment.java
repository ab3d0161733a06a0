package dev.salespipeline.api.deal;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.Bounds;

/** Adds a free-text comment to the deal. */
public record AddComment(String dealId, String commentId, String text, Instant occurredAt) implements DealCommand {

    public AddComment {
        Objects.requireNonNull(dealId, "dealId");
        Objects.requireNonNull(commentId, "commentId");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dealId", dealId, Bounds.ID_LENGTH);
        Bounds.text("commentId", commentId, Bounds.ID_LENGTH);
        Bounds.text("text", text, Bounds.NOTE_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }
}
