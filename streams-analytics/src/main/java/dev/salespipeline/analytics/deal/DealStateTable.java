package dev.salespipeline.analytics.deal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;

/**
 * The state of every deal, keyed by deal id, folded from its events: one table that all metric families
 * share (one store and one changelog instead of one per family).
 *
 * <p>Only the events that change {@link DealState} reach the fold; tasks, calls, emails, meetings and
 * comments do not. Deal events are keyed by deal id on the source topic, so the fold needs no repartition.
 * The topic is at least once: an event at or below the deal's last applied sequence is a redelivery and
 * is ignored.
 */
public final class DealStateTable {

    public static final String STORE = "deal-state";
    public static final JsonSerde<DealState> SERDE = JsonSerde.of(DealState.class);

    private static final Set<String> FOLDED_TYPES = Set.of(
            EventTypes.nameOf(DealOpened.class), EventTypes.nameOf(DealMovedToStage.class),
            EventTypes.nameOf(DealWon.class), EventTypes.nameOf(DealLost.class),
            EventTypes.nameOf(DealReopened.class), EventTypes.nameOf(DealDetailsEdited.class),
            EventTypes.nameOf(DealHandedOver.class), EventTypes.nameOf(DealTransferred.class),
            EventTypes.nameOf(DealAmountChanged.class), EventTypes.nameOf(ExpectedCloseDateChanged.class),
            EventTypes.nameOf(ProbabilityOverridden.class));

    private DealStateTable() {
    }

    public static KTable<String, DealState> build(KStream<String, EventEnvelope<DomainEvent>> events) {
        return events
                .filter((dealId, envelope) -> envelope != null && FOLDED_TYPES.contains(envelope.type()),
                        Named.as("deal-state-select"))
                .groupByKey(Grouped.with("deal-state-by-deal", Serdes.String(), PipelineEvents.ENVELOPE_SERDE))
                .aggregate(() -> null, (dealId, envelope, current) -> fold(current, envelope),
                        Named.as("deal-state-fold"),
                        Materialized.<String, DealState, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(SERDE));
    }

    /**
     * The deal's state after the event. A redelivered event, or any event before the deal's opening, leaves
     * the state as it is.
     */
    public static DealState fold(DealState current, EventEnvelope<DomainEvent> envelope) {
        if (current != null && envelope.aggregateSequence() <= current.appliedSequence()) {
            return current;
        }
        DomainEvent event = PipelineEvents.event(envelope).orElse(null);
        if (event instanceof DealOpened opened) {
            return opened(opened, envelope.aggregateSequence());
        }
        if (current == null || event == null) {
            return current;
        }
        Draft deal = new Draft(current);
        deal.appliedSequence = envelope.aggregateSequence();
        if (event instanceof DealMovedToStage moved) {
            deal.enter(deal.pipelineId, moved.toStageId(), moved.occurredAt());
        } else if (event instanceof DealWon won) {
            deal.close(DealStatus.WON, won.occurredAt());
            if (won.amount() != null) {
                deal.amount = won.amount();
            }
        } else if (event instanceof DealLost lost) {
            deal.close(DealStatus.LOST, lost.occurredAt());
        } else if (event instanceof DealReopened reopened) {
            deal.status = DealStatus.OPEN;
            deal.closedAt = null;
            deal.enter(deal.pipelineId, reopened.stageId(), reopened.occurredAt());
        } else if (event instanceof DealTransferred transferred) {
            deal.enter(transferred.toPipelineId(), transferred.toStageId(), transferred.occurredAt());
        } else if (event instanceof DealHandedOver handedOver) {
            deal.ownerId = handedOver.ownerId();
            deal.teamId = handedOver.teamId();
        } else if (event instanceof DealDetailsEdited edited) {
            deal.sourceChannel = edited.details().sourceChannel();
        } else if (event instanceof DealAmountChanged changed) {
            deal.amount = changed.amount();
        } else if (event instanceof ExpectedCloseDateChanged changed) {
            deal.expectedCloseDate = changed.expectedCloseDate();
        } else if (event instanceof ProbabilityOverridden overridden) {
            deal.probabilityOverride = overridden.probability();
        }
        return deal.state();
    }

    private static DealState opened(DealOpened opened, long sequence) {
        return new DealState(opened.dealId(), opened.pipelineId(), opened.ownerId(), opened.teamId(), null,
                opened.amount(), DealStatus.OPEN, opened.occurredAt(), null, opened.stageId(), opened.occurredAt(),
                List.of(new StageInterval(opened.pipelineId(), opened.stageId(), opened.occurredAt(), null)),
                null, null, sequence);
    }

    /** A deal's state while one event is folded into it. */
    private static final class Draft {
        private final String dealId;
        private String pipelineId;
        private String ownerId;
        private String teamId;
        private String sourceChannel;
        private Money amount;
        private DealStatus status;
        private final Instant openedAt;
        private Instant closedAt;
        private String stageId;
        private Instant stageEnteredAt;
        private final List<StageInterval> stageIntervals;
        private LocalDate expectedCloseDate;
        private Integer probabilityOverride;
        private long appliedSequence;

        Draft(DealState state) {
            dealId = state.dealId();
            pipelineId = state.pipelineId();
            ownerId = state.ownerId();
            teamId = state.teamId();
            sourceChannel = state.sourceChannel();
            amount = state.amount();
            status = state.status();
            openedAt = state.openedAt();
            closedAt = state.closedAt();
            stageId = state.stageId();
            stageEnteredAt = state.stageEnteredAt();
            stageIntervals = new ArrayList<>(state.stageIntervals());
            expectedCloseDate = state.expectedCloseDate();
            probabilityOverride = state.probabilityOverride();
            appliedSequence = state.appliedSequence();
        }

        void enter(String newPipelineId, String newStageId, Instant at) {
            leaveCurrentStage(at);
            pipelineId = newPipelineId;
            stageId = newStageId;
            stageEnteredAt = at;
            stageIntervals.add(new StageInterval(newPipelineId, newStageId, at, null));
        }

        void close(DealStatus outcome, Instant at) {
            leaveCurrentStage(at);
            status = outcome;
            closedAt = at;
        }

        private void leaveCurrentStage(Instant at) {
            int last = stageIntervals.size() - 1;
            if (last >= 0 && stageIntervals.get(last).leftAt() == null) {
                stageIntervals.set(last, stageIntervals.get(last).leaving(at));
            }
        }

        DealState state() {
            return new DealState(dealId, pipelineId, ownerId, teamId, sourceChannel, amount, status, openedAt,
                    closedAt, stageId, stageEnteredAt, stageIntervals, expectedCloseDate, probabilityOverride,
                    appliedSequence);
        }
    }
}
