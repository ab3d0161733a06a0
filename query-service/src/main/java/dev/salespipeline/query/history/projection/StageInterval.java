package dev.salespipeline.query.history.projection;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.deal.Money;

/**
 * One stay of a deal in one stage, under {@code <dealId>:<sequence of the event that entered it>}. A deal
 * that comes back to a stage gets another interval; a stage it skipped has none. Stages are kept by id,
 * so intervals in a stage renamed or removed since still count under it.
 *
 * @param enteredSequence the aggregate sequence of the event that entered the stage
 * @param leftAt          when the deal left the stage, or null while it is in it
 * @param leftSequence    the aggregate sequence of the event that ended the stay, or null
 * @param endedBy         MOVED, WON, LOST or TRANSFERRED; null while the deal is in the stage
 * @param title           the deal's title when it entered the stage
 * @param ownerId         the deal's owner when it entered the stage
 * @param amount          the deal's amount when it entered the stage, or null
 */
@Document(StageInterval.COLLECTION)
public record StageInterval(
        @Id String id,
        String dealId,
        long enteredSequence,
        String pipelineId,
        String stageId,
        Instant enteredAt,
        Instant leftAt,
        Long leftSequence,
        String endedBy,
        String title,
        String ownerId,
        Money amount) {

    public static final String COLLECTION = "stage_intervals";

    public static final String MOVED = "MOVED";
    public static final String WON = "WON";
    public static final String LOST = "LOST";
    public static final String TRANSFERRED = "TRANSFERRED";
}
