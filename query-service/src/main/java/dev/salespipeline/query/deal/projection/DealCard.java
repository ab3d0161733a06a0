package dev.salespipeline.query.deal.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Read model of one deal: what its card shows. {@code version} is the aggregate sequence of the
 * last event applied, which makes every update idempotent.
 *
 * <p>Pipeline settings (stage names, default probabilities, limits) are not copied here: a deal event
 * may be applied before its pipeline's latest definition, so readers take them from the pipeline's
 * document when they read.
 *
 * @param status              OPEN, WON or LOST
 * @param amountValue         {@code amount}'s figure as a number, for range filters and sorting; the
 *                            exact figure stays in {@code amount}, which sums use
 * @param probabilityOverride the deal's own win probability, or null when its stage's default applies
 * @param stageEnteredAt      when the deal came into its current stage (opened, moved, reopened or
 *                            transferred there)
 * @param openTasks           tasks scheduled and neither done nor cancelled, due first first
 * @param nextAction          the open task due first, or null: the deal has no next action
 * @param lastActivityAt      the latest business time of a call, email, meeting, comment, task change or
 *                            stage move, or null when there was none; the idle limit counts from it
 * @param updatedAt           business time of the last event applied
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
        Double amountValue,
        LocalDate expectedCloseDate,
        Integer probabilityOverride,
        String lostReason,
        Instant stageEnteredAt,
        List<OpenTask> openTasks,
        OpenTask nextAction,
        Instant lastActivityAt,
        Instant openedAt,
        Instant closedAt,
        Instant updatedAt,
        long version) {

    public static final String COLLECTION = "deal_cards";
    public static final String OPEN = "OPEN";
    public static final String WON = "WON";
    public static final String LOST = "LOST";

    /**
     * The cards a batch of events changes, written only over older versions: for the projections that read a deal's
     * fields as of an event ({@code DealCardProjection} applies each event first).
     */
    public static Documents<DealCard> in(ProjectionBatch batch) {
        return batch.documents(DealCard.class, DealCard::dealId, "version", DealCard::version);
    }

    public DealCard {
        openTasks = openTasks == null ? List.of() : List.copyOf(openTasks);
    }

    /** A task of the deal that is still to be done. */
    public record OpenTask(String taskId, String title, Instant dueAt) {
    }
}
