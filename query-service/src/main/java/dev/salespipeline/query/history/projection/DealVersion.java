package dev.salespipeline.query.history.projection;

import java.time.Instant;
import java.time.LocalDate;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.deal.Money;

/**
 * What a board shows of a deal, as it stood from one event on: one document per event that changed any
 * of it, under {@code <dealId>:<sequence>}. The deal's state at an instant is its latest version whose
 * {@code validFrom} is not after it. Business time decides: a late event counts from when it happened.
 *
 * @param validFrom      when the event happened (its {@code occurredAt})
 * @param stageEnteredAt when the deal entered the stage it is in
 * @param status         OPEN, WON or LOST
 * @param amountValue    the amount as a number, for sums inside the database; null without amount
 */
@Document(DealVersion.COLLECTION)
public record DealVersion(
        @Id String id,
        String dealId,
        long sequence,
        Instant validFrom,
        String pipelineId,
        String stageId,
        Instant stageEnteredAt,
        String status,
        String title,
        String company,
        String ownerId,
        String teamId,
        Money amount,
        Double amountValue,
        Integer probabilityOverride,
        LocalDate expectedCloseDate) {

    public static final String COLLECTION = "deal_versions";
    public static final String OPEN = "OPEN";
    public static final String WON = "WON";
    public static final String LOST = "LOST";

    public static String idOf(String dealId, long sequence) {
        return dealId + ":" + sequence;
    }

    public boolean isOpen() {
        return OPEN.equals(status);
    }

    /** This state, as changed by the event at {@code nextSequence} that happened at {@code at}. */
    DealVersion next(long nextSequence, Instant at, Change change) {
        Builder next = new Builder(this);
        change.apply(next);
        return new DealVersion(idOf(dealId, nextSequence), dealId, nextSequence, at, next.pipelineId, next.stageId,
                next.enteredStage ? at : stageEnteredAt, next.status, next.title, next.company, next.ownerId, next.teamId,
                next.amount, next.amount == null ? null : next.amount.amount().doubleValue(),
                next.probabilityOverride, next.expectedCloseDate);
    }

    /** What an event changes in a deal's state. */
    @FunctionalInterface
    interface Change {
        void apply(Builder state);
    }

    /** A deal's state being changed by one event. */
    static final class Builder {
        String pipelineId;
        String stageId;
        boolean enteredStage;
        String status;
        String title;
        String company;
        String ownerId;
        String teamId;
        Money amount;
        Integer probabilityOverride;
        LocalDate expectedCloseDate;

        private Builder(DealVersion version) {
            pipelineId = version.pipelineId;
            stageId = version.stageId;
            status = version.status;
            title = version.title;
            company = version.company;
            ownerId = version.ownerId;
            teamId = version.teamId;
            amount = version.amount;
            probabilityOverride = version.probabilityOverride;
            expectedCloseDate = version.expectedCloseDate;
        }

        /** Puts the deal in a stage, entered anew even if it is the one it was closed from. */
        void enterStage(String pipeline, String stage) {
            pipelineId = pipeline;
            stageId = stage;
            enteredStage = true;
        }
    }
}
