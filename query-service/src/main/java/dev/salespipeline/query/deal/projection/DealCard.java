package dev.salespipeline.query.deal.projection;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.Money;

/**
 * Read model of one deal: what its card shows. {@code version} is the aggregate sequence of the
 * last event applied, which makes every update idempotent.
 *
 * @param status              OPEN, WON or LOST
 * @param probabilityOverride the deal's own win probability, or null when its stage's default applies
 */
@Document(DealCard.COLLECTION)
public record DealCard(
        @Id String dealId,
        String pipelineId,
        String stageId,
        String status,
        String title,
        ClientInfo client,
        String sourceChannel,
        String product,
        String ownerId,
        String teamId,
        Money amount,
        LocalDate expectedCloseDate,
        Integer probabilityOverride,
        String lostReason,
        Instant openedAt,
        Instant closedAt,
        Instant updatedAt,
        long version) {

    public static final String COLLECTION = "deal_cards";
    public static final String OPEN = "OPEN";
    public static final String WON = "WON";
    public static final String LOST = "LOST";
}
