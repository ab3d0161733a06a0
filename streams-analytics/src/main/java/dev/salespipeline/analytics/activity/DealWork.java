package dev.salespipeline.analytics.activity;

import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.activity.DealLedger.DueSetting;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.analytics.serde.PipelineEvents;
import dev.salespipeline.analytics.time.CompanyPeriods;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;

/**
 * The deal side of manager activity, keyed by deal id on the event topic's partitions. For each deal event, in
 * the order of the deal's events:
 * <ul>
 * <li>remembers who changed the deal on which day, and the tasks' due-time settings and the activities' times
 *     ({@link DealLedger}, store {@code manager-activity-deals}), and sends the changed cells of cards changed and
 *     tasks rescheduled without activity, one record per person whose cells changed;</li>
 * <li>sends each logged call or email, with the person who logged it and the deal's pipeline, and each opening
 *     of an email, on to be counted once per id ({@link ActivityCounting}).</li>
 * </ul>
 * An event at or below the deal's last applied sequence is a redelivery and is dropped.
 */
final class DealWork implements ProcessorSupplier<String, EventEnvelope<DomainEvent>, String, WorkItem> {

    private final KeyValueBytesStoreSupplier store;
    private final CompanyPeriods periods;

    DealWork(KeyValueBytesStoreSupplier store, CompanyPeriods periods) {
        this.store = store;
        this.periods = periods;
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(store, Serdes.String(), JsonSerde.of(DealLedger.class))
                .withCachingEnabled());
    }

    @Override
    public Processor<String, EventEnvelope<DomainEvent>, String, WorkItem> get() {
        return new Processor<>() {
            private ProcessorContext<String, WorkItem> context;
            private KeyValueStore<String, DealLedger> ledgers;

            @Override
            public void init(ProcessorContext<String, WorkItem> context) {
                this.context = context;
                this.ledgers = context.getStateStore(store.name());
            }

            @Override
            public void process(Record<String, EventEnvelope<DomainEvent>> record) {
                EventEnvelope<DomainEvent> envelope = record.value();
                String dealId = record.key();
                if (dealId == null || envelope == null) {
                    return;
                }
                DealLedger stored = ledgers.get(dealId);
                if (stored != null && envelope.aggregateSequence() <= stored.appliedSequence()) {
                    return;
                }
                DealLedger before = stored == null ? DealLedger.EMPTY : stored;
                DealLedger now = before.applied(envelope.aggregateSequence());
                Optional<DomainEvent> read = PipelineEvents.event(envelope);
                if (read.isPresent()) {
                    now = apply(now, read.get(), People.personOf(envelope.actor()), record);
                }
                if (!now.sameCellsAs(before)) {
                    for (ActivityDeltas deltas : ActivityDeltas.byPerson(
                            ShiftCells.difference(before.cells(periods), now.cells(periods)))) {
                        context.forward(record.withKey(deltas.personId()).withValue(WorkItem.of(deltas)));
                    }
                }
                ledgers.put(dealId, now);
            }

            private DealLedger apply(DealLedger ledger, DomainEvent event, String personId,
                                     Record<String, EventEnvelope<DomainEvent>> record) {
                // the pipeline the deal is in when the event happens; a transfer happens in the pipeline it leaves
                String pipelineId = event instanceof DealOpened opened ? opened.pipelineId() : ledger.pipelineId();
                DealLedger now = ledger;
                if (personId != null && !(event instanceof EmailOpened)) {
                    now = now.changedBy(personId, pipelineId, periods.date(event.occurredAt()));
                }
                if (event instanceof DealOpened) {
                    now = now.inPipeline(pipelineId);
                } else if (event instanceof DealTransferred transferred) {
                    now = now.inPipeline(transferred.toPipelineId());
                } else if (event instanceof CallLogged call) {
                    send(record, ActivityFact.of(call, personId, pipelineId));
                    now = now.activityAt(call.occurredAt());
                } else if (event instanceof EmailLogged email) {
                    send(record, ActivityFact.of(email, personId, pipelineId));
                    now = now.activityAt(email.occurredAt());
                } else if (event instanceof EmailOpened opened) {
                    send(record, ActivityFact.of(opened));
                } else if (event instanceof MeetingLogged || event instanceof CommentAdded) {
                    now = now.activityAt(event.occurredAt());
                } else if (event instanceof TaskScheduled scheduled) {
                    now = now.dueSet(scheduled.taskId(), new DueSetting(scheduled.occurredAt(), personId, pipelineId),
                            true);
                } else if (event instanceof TaskRescheduled rescheduled) {
                    now = now.dueSet(rescheduled.taskId(),
                            new DueSetting(rescheduled.occurredAt(), personId, pipelineId), false);
                }
                return now;
            }

            private void send(Record<String, EventEnvelope<DomainEvent>> record, ActivityFact fact) {
                context.forward(record.withKey(fact.activityId()).withValue(WorkItem.of(fact)));
            }
        };
    }
}
