package dev.salespipeline.query.alert.projection;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;

/**
 * Read model of a deal's latest stalled-deal alert, as streams-analytics last published it: raised while
 * the deal is stalled, cleared once it moved or got activity. One document per deal.
 *
 * @param since     business time at which the limit was exceeded
 * @param limit     the limit exceeded, ISO-8601 ({@code PT336H})
 * @param raisedAt  wall-clock time the alert was raised
 * @param clearedAt wall-clock time it was cleared; null while raised
 * @param partition partition of the record the document holds
 * @param offset    offset of that record: only a record at a higher offset replaces it
 */
@Document(StalledDealAlertView.COLLECTION)
public record StalledDealAlertView(
        @Id String dealId,
        String pipelineId,
        String stageId,
        String ownerId,
        String teamId,
        AlertStatus status,
        StallReason reason,
        Instant since,
        String limit,
        Instant raisedAt,
        Instant clearedAt,
        int partition,
        long offset) {

    public static final String COLLECTION = "stalled_deal_alerts";
}
