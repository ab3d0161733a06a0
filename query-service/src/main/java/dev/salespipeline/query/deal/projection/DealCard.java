package dev.salespipeline.query.deal.projection;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.deal.Money;

/**
 * Read model of one deal: what its card shows. {@code version} is the aggregate sequence of the
 * last event applied, which makes every update idempotent.
 */
@Document(DealCard.COLLECTION)
public record DealCard(
        @Id String dealId,
        String pipelineId,
        String stageId,
        String title,
        String ownerId,
        String teamId,
        Money amount,
        Instant openedAt,
        Instant updatedAt,
        long version) {

    public static final String COLLECTION = "deal_cards";
}
