package dev.salespipeline.query.board;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * When an open deal counts as stalled (DOMAIN.md "Stalled deal"): it has been in its stage longer than
 * the stage's time limit, or without activity longer than the pipeline's idle limit. The idle time counts
 * from the latest activity or from when the deal came into its stage, whichever is later, so that a
 * deal just reopened or transferred is not idle from activities before.
 *
 * <p>The same rule as a check on one deal ({@link #isStalled}) and as a MongoDB filter
 * ({@link #stalled}), which must agree: both compare strictly ("longer than") against the same instant.
 */
public final class StalledRule {

    private StalledRule() {
    }

    /**
     * @param stageLimitSeconds the stage's time limit, or null for none
     * @param idleLimitSeconds  the pipeline's idle limit, or null for none
     */
    public static boolean isStalled(Instant now, Instant stageEnteredAt, Instant lastActivityAt,
                                    Long stageLimitSeconds, Long idleLimitSeconds) {
        if (stageEnteredAt == null) {
            return false;
        }
        if (stageLimitSeconds != null && stageEnteredAt.isBefore(now.minusSeconds(stageLimitSeconds))) {
            return true;
        }
        if (idleLimitSeconds == null) {
            return false;
        }
        Instant idleSince = lastActivityAt != null && lastActivityAt.isAfter(stageEnteredAt)
                ? lastActivityAt : stageEnteredAt;
        return idleSince.isBefore(now.minusSeconds(idleLimitSeconds));
    }

    /**
     * The filter for deals of one stage that are stalled at {@code now}, or empty when neither limit is
     * set and no deal of the stage can be stalled.
     */
    public static Optional<Criteria> stalled(Instant now, Long stageLimitSeconds, Long idleLimitSeconds) {
        List<Criteria> either = new ArrayList<>();
        if (stageLimitSeconds != null) {
            either.add(where("stageEnteredAt").lt(now.minusSeconds(stageLimitSeconds)));
        }
        idle(now, idleLimitSeconds).ifPresent(either::add);
        if (either.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(either.size() == 1 ? either.get(0) : new Criteria().orOperator(either));
    }

    /** The filter for deals without activity for longer than the idle limit, or empty for no limit. */
    public static Optional<Criteria> idle(Instant now, Long idleLimitSeconds) {
        if (idleLimitSeconds == null) {
            return Optional.empty();
        }
        Instant threshold = now.minusSeconds(idleLimitSeconds);
        return Optional.of(new Criteria().andOperator(where("stageEnteredAt").lt(threshold),
                new Criteria().orOperator(where("lastActivityAt").lt(threshold), where("lastActivityAt").is(null))));
    }

    /** Whole days since the deal came into its stage, or null if that is not known. */
    public static Long daysInStage(Instant now, Instant stageEnteredAt) {
        return stageEnteredAt == null ? null : Math.max(0, Duration.between(stageEnteredAt, now).toDays());
    }
}
