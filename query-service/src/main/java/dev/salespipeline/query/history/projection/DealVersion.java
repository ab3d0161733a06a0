package dev.salespipeline.query.history.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.deal.Money;

/**
 * What a board shows of a deal, as it stood from one event on: one document per event that changed any
 * of it, under {@code <dealId>:<sequence>}. Business time decides: the deal's state at an instant is made of
 * exactly its events that happened by then, whatever order they were recorded in. A deal's versions form a chain in
 * business time ({@code validFrom}, ties broken by {@code sequence}); each holds the state after its event, folded
 * from the version before it in that chain and its own {@link Change}, and is valid from its event until the next
 * version's. A late event goes into the chain where it happened, and the versions after it are folded again.
 *
 * @param validFrom      when the event happened (its {@code occurredAt}, to the millisecond)
 * @param stageEnteredAt when the deal entered the stage it is in
 * @param status         OPEN, WON or LOST; null for a state before the deal's opening (an event dated before it)
 * @param amountValue    the amount as a number, for sums inside the database; null without amount
 * @param validUntil     when the next version in business time begins, or {@link TimeBuckets#END} for the latest
 * @param previous       the sequence of the version before this one in business time, or null for the first
 * @param change         what this version's event sets
 * @param openAt         while the deal is open: the blocks covering the days it is valid ({@link TimeBuckets})
 * @param changedOn      the blocks containing the day it became valid ({@link TimeBuckets})
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
        LocalDate expectedCloseDate,
        Instant validUntil,
        Long previous,
        Change change,
        List<String> openAt,
        List<String> changedOn) {

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

    /** Whether the deal had been opened by this version's instant. */
    public boolean isOpened() {
        return status != null;
    }

    /** Whether this version comes before {@code other} in business time. */
    boolean before(DealVersion other) {
        return before(validFrom, sequence, other.validFrom, other.sequence);
    }

    static boolean before(Instant at, long sequence, Instant otherAt, long otherSequence) {
        int byTime = at.compareTo(otherAt);
        return byTime < 0 || byTime == 0 && sequence < otherSequence;
    }

    /** Instants as the database keeps them, so that versions order the same in memory and when read back. */
    static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The version of the event at {@code sequence}, which happened at {@code at} and sets {@code change}: the state
     * of {@code before} (the version before it in business time, or null) with the change applied.
     */
    static DealVersion of(String dealId, long sequence, Instant at, Change change, DealVersion before,
                          Instant validUntil) {
        Instant validFrom = stored(at);
        State state = new State(before);
        state.apply(change, validFrom);
        boolean open = OPEN.equals(state.status);
        return new DealVersion(idOf(dealId, sequence), dealId, sequence, validFrom, state.pipelineId, state.stageId,
                state.stageEnteredAt, state.status, state.title, state.company, state.ownerId, state.teamId,
                state.amount, state.amount == null ? null : state.amount.amount().doubleValue(),
                state.probabilityOverride, state.expectedCloseDate, validUntil,
                before == null ? null : before.sequence, change,
                open ? TimeBuckets.openAt(state.pipelineId, validFrom, validUntil) : List.of(),
                TimeBuckets.changedOn(state.pipelineId, validFrom));
    }

    /** This version, valid until {@code until} instead. */
    DealVersion until(Instant until) {
        return new DealVersion(id, dealId, sequence, validFrom, pipelineId, stageId, stageEnteredAt, status, title,
                company, ownerId, teamId, amount, amountValue, probabilityOverride, expectedCloseDate, until, previous,
                change, isOpen() ? TimeBuckets.openAt(pipelineId, validFrom, until) : List.of(), changedOn);
    }

    /** This version again, after {@code before} (or none) and until {@code until}. */
    DealVersion refold(DealVersion before, Instant until) {
        return of(dealId, sequence, validFrom, change, before, until);
    }

    /**
     * What one event sets in a deal's state: the fields named in {@code fields} take the values here (a null value
     * clears the field). {@code stageEnteredAt} among them means the deal entered its stage at the version's instant.
     */
    public record Change(List<String> fields, String pipelineId, String stageId, String status, String title,
                         String company, String ownerId, String teamId, Money amount, Integer probabilityOverride,
                         LocalDate expectedCloseDate) {

        static final String PIPELINE = "pipelineId";
        static final String STAGE = "stageId";
        static final String ENTERED = "stageEnteredAt";
        static final String STATUS = "status";
        static final String TITLE = "title";
        static final String COMPANY = "company";
        static final String OWNER = "ownerId";
        static final String TEAM = "teamId";
        static final String AMOUNT = "amount";
        static final String PROBABILITY = "probabilityOverride";
        static final String CLOSE_DATE = "expectedCloseDate";

        static Builder builder() {
            return new Builder();
        }

        /** A change being put together from one event. */
        static final class Builder {
            private final List<String> fields = new ArrayList<>();
            private String pipelineId;
            private String stageId;
            private String status;
            private String title;
            private String company;
            private String ownerId;
            private String teamId;
            private Money amount;
            private Integer probabilityOverride;
            private LocalDate expectedCloseDate;

            private Builder set(String field) {
                if (!fields.contains(field)) {
                    fields.add(field);
                }
                return this;
            }

            /** Puts the deal in a stage, entered anew even if it is the one it was closed from. */
            Builder enterStage(String pipeline, String stage) {
                pipelineId = pipeline;
                stageId = stage;
                set(PIPELINE).set(STAGE);
                return set(ENTERED);
            }

            Builder stage(String stage) {
                stageId = stage;
                return set(STAGE);
            }

            Builder status(String value) {
                status = value;
                return set(STATUS);
            }

            Builder title(String value) {
                title = value;
                return set(TITLE);
            }

            Builder company(String value) {
                company = value;
                return set(COMPANY);
            }

            Builder owner(String owner, String team) {
                ownerId = owner;
                teamId = team;
                return set(OWNER).set(TEAM);
            }

            Builder amount(Money value) {
                amount = value;
                return set(AMOUNT);
            }

            Builder probability(Integer value) {
                probabilityOverride = value;
                return set(PROBABILITY);
            }

            Builder closeDate(LocalDate value) {
                expectedCloseDate = value;
                return set(CLOSE_DATE);
            }

            Change build() {
                return new Change(List.copyOf(fields), pipelineId, stageId, status, title, company, ownerId, teamId,
                        amount, probabilityOverride, expectedCloseDate);
            }
        }
    }

    /** A deal's state being folded. */
    private static final class State {
        String pipelineId;
        String stageId;
        Instant stageEnteredAt;
        String status;
        String title;
        String company;
        String ownerId;
        String teamId;
        Money amount;
        Integer probabilityOverride;
        LocalDate expectedCloseDate;

        State(DealVersion version) {
            if (version == null) {
                return;
            }
            pipelineId = version.pipelineId;
            stageId = version.stageId;
            stageEnteredAt = version.stageEnteredAt;
            status = version.status;
            title = version.title;
            company = version.company;
            ownerId = version.ownerId;
            teamId = version.teamId;
            amount = version.amount;
            probabilityOverride = version.probabilityOverride;
            expectedCloseDate = version.expectedCloseDate;
        }

        void apply(Change change, Instant at) {
            for (String field : change.fields()) {
                switch (field) {
                    case Change.PIPELINE -> pipelineId = change.pipelineId();
                    case Change.STAGE -> stageId = change.stageId();
                    case Change.ENTERED -> stageEnteredAt = at;
                    case Change.STATUS -> status = change.status();
                    case Change.TITLE -> title = change.title();
                    case Change.COMPANY -> company = change.company();
                    case Change.OWNER -> ownerId = change.ownerId();
                    case Change.TEAM -> teamId = change.teamId();
                    case Change.AMOUNT -> amount = change.amount();
                    case Change.PROBABILITY -> probabilityOverride = change.probabilityOverride();
                    case Change.CLOSE_DATE -> expectedCloseDate = change.expectedCloseDate();
                    default -> throw new IllegalStateException("unknown field " + field);
                }
            }
        }
    }
}
