package dev.salespipeline.query.timeline.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.deal.projection.DealRefs;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.events.ProjectionBatch;
import dev.salespipeline.query.timeline.projection.TimelineEntry.Activity;
import dev.salespipeline.query.timeline.projection.TimelineEntry.Change;

/**
 * Keeps the {@link TimelineEntry} documents: one per deal event, written whole under
 * {@code <dealId>:<aggregateSequence>}. What an entry says depends only on its event and on the
 * deal's earlier entries (a completed task's title comes from the entry that scheduled it), so writing
 * it again for a duplicate or a replay gives the same document. A batch reads the earlier entries its events look
 * back to at once, and writes its entries in one bulk write.
 */
@Component
class TimelineProjection implements Projection {

    private static final List<String> CLOSINGS = List.of("DealWon", "DealLost");

    private final MongoTemplate mongo;

    TimelineProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        // A deal's timeline, newest first.
        mongo.indexOps(TimelineEntry.COLLECTION).createIndex(new Index()
                .on("dealId", Sort.Direction.ASC)
                .on("occurredAt", Sort.Direction.DESC)
                .on("sequence", Sort.Direction.DESC)
                .named("deal_occurred"));
    }

    @Override
    public void load(List<EventEnvelope<?>> events, ProjectionBatch batch) {
        Set<String> activityDeals = new LinkedHashSet<>();
        Set<String> activityIds = new LinkedHashSet<>();
        Set<String> reopenedDeals = new LinkedHashSet<>();
        Set<String> openedDeals = new LinkedHashSet<>();
        for (EventEnvelope<?> envelope : events) {
            Object payload = envelope.payload();
            String activityId = activityId(payload);
            if (payload instanceof DealOpened) {
                openedDeals.add(envelope.aggregateId());
            } else if (activityId != null) {
                activityDeals.add(envelope.aggregateId());
                activityIds.add(activityId);
            } else if (payload instanceof DealReopened) {
                reopenedDeals.add(envelope.aggregateId());
            }
        }
        Earlier earlier = earlier(batch);
        Set<String> lookingBack = new LinkedHashSet<>(activityDeals);
        lookingBack.addAll(reopenedDeals);
        Documents<DealRefs> refs = DealRefs.in(batch);
        refs.load(lookingBack);
        // The entries looked back to, by id where the deal's references know them; the collection is asked only for
        // deals whose references began after their opening.
        Set<String> entryIds = new LinkedHashSet<>();
        Set<String> unknown = new LinkedHashSet<>();
        for (EventEnvelope<?> envelope : events) {
            Object payload = envelope.payload();
            String activityId = activityId(payload);
            boolean reopened = payload instanceof DealReopened;
            if (activityId == null && !reopened) {
                continue;
            }
            DealRefs known = refs.get(envelope.aggregateId());
            if (known == null && openedDeals.contains(envelope.aggregateId())) {
                // Opened in this batch: every entry it looks back to comes before it in the batch.
                continue;
            }
            if (known == null || !known.complete()) {
                unknown.add(envelope.aggregateId());
                continue;
            }
            Long earlierSequence = reopened ? known.latestClosing(envelope.aggregateSequence())
                    : known.latest(payload instanceof EmailOpened ? DealRefs.EMAIL : DealRefs.TASK, activityId,
                            envelope.aggregateSequence());
            if (earlierSequence != null) {
                entryIds.add(TimelineEntry.idOf(envelope.aggregateId(), earlierSequence));
            }
        }
        if (!entryIds.isEmpty()) {
            earlier.addAll(batch.find(Query.query(where("_id").in(entryIds)), TimelineEntry.class));
        }
        List<String> unknownActivities = unknown.stream().filter(activityDeals::contains).toList();
        if (!unknownActivities.isEmpty()) {
            earlier.addAll(batch.find(Query.query(where("dealId").in(unknownActivities)
                    .and("activity.activityId").in(activityIds)), TimelineEntry.class));
        }
        List<String> unknownReopened = unknown.stream().filter(reopenedDeals::contains).toList();
        if (!unknownReopened.isEmpty()) {
            earlier.addAll(batch.find(Query.query(where("dealId").in(unknownReopened).and("type").in(CLOSINGS)),
                    TimelineEntry.class));
        }
    }

    private static String activityId(Object payload) {
        return payload instanceof TaskRescheduled event ? event.taskId()
                : payload instanceof TaskCompleted event ? event.taskId()
                : payload instanceof TaskCancelled event ? event.taskId()
                : payload instanceof EmailOpened event ? event.emailId()
                : null;
    }

    @Override
    public void apply(EventEnvelope<?> envelope, ProjectionBatch batch) {
        if (envelope.payload() instanceof DealEvent event) {
            Earlier earlier = earlier(batch);
            TimelineEntry entry = entry(event, envelope, earlier);
            earlier.add(entry);
            batch.entries(TimelineEntry.class, TimelineEntry::id).put(entry);
        }
    }

    private Earlier earlier(ProjectionBatch batch) {
        return batch.state(this, Earlier::new);
    }

    private static TimelineEntry entry(DealEvent event, EventEnvelope<?> envelope, Earlier earlier) {
        Entry entry = new Entry();
        long sequence = envelope.aggregateSequence();
        if (event instanceof DealOpened opened) {
            entry.at(opened.pipelineId(), opened.stageId());
            entry.change(TimelineEntry.STAGE, null, opened.stageId());
            entry.change("title", null, opened.title());
            entry.change("owner", null, opened.ownerId());
            entry.change("team", null, opened.teamId());
            entry.change("amount", null, text(opened.amount()));
        } else if (event instanceof DealMovedToStage moved) {
            entry.at(moved.pipelineId(), moved.toStageId());
            entry.change(TimelineEntry.STAGE, moved.fromStageId(), moved.toStageId());
        } else if (event instanceof DealWon won) {
            entry.at(won.pipelineId(), won.stageId());
            entry.change("status", "OPEN", "WON");
        } else if (event instanceof DealLost lost) {
            entry.at(lost.pipelineId(), lost.stageId());
            entry.change("status", "OPEN", "LOST");
            entry.change("lostReason", null, lost.reason());
            entry.note = lost.comment();
        } else if (event instanceof DealReopened reopened) {
            entry.at(reopened.pipelineId(), reopened.stageId());
            entry.change("status", earlier.closedStatusBefore(reopened.dealId(), sequence), "OPEN");
        } else if (event instanceof DealTransferred transferred) {
            entry.at(transferred.toPipelineId(), transferred.toStageId());
            entry.previousPipelineId = transferred.fromPipelineId();
            entry.change("pipeline", transferred.fromPipelineId(), transferred.toPipelineId());
            entry.change(TimelineEntry.STAGE, transferred.fromStageId(), transferred.toStageId());
        } else if (event instanceof DealAmountChanged changed) {
            entry.change("amount", text(changed.previous()), text(changed.amount()));
        } else if (event instanceof ExpectedCloseDateChanged changed) {
            entry.change("expectedCloseDate", text(changed.previous()), text(changed.expectedCloseDate()));
        } else if (event instanceof ProbabilityOverridden overridden) {
            entry.change("probabilityOverride", text(overridden.previous()), text(overridden.probability()));
        } else if (event instanceof DealHandedOver handedOver) {
            entry.change("owner", handedOver.previousOwnerId(), handedOver.ownerId());
            entry.change("team", handedOver.previousTeamId(), handedOver.teamId());
            entry.note = handedOver.reason();
        } else if (event instanceof DealDetailsEdited edited) {
            details(entry, edited.previous(), edited.details());
        } else if (event instanceof TaskScheduled scheduled) {
            entry.activity = Activity.task(scheduled.taskId(), scheduled.title(), scheduled.dueAt(), null);
        } else if (event instanceof TaskRescheduled rescheduled) {
            entry.activity = Activity.task(rescheduled.taskId(),
                    earlier.activity(rescheduled.dealId(), rescheduled.taskId(), "TASK", sequence).map(Activity::title)
                            .orElse(null),
                    rescheduled.dueAt(), rescheduled.previousDueAt());
        } else if (event instanceof TaskCompleted completed) {
            entry.activity = earlier.taskAsItWas(completed.dealId(), completed.taskId(), sequence);
        } else if (event instanceof TaskCancelled cancelled) {
            entry.activity = earlier.taskAsItWas(cancelled.dealId(), cancelled.taskId(), sequence);
        } else if (event instanceof CallLogged call) {
            entry.activity = Activity.call(call.callId(), call.direction().name(), call.durationSeconds(),
                    call.answered(), call.phoneNumber(), call.recordingUrl(), call.externalId(),
                    call.transcriptMatches());
        } else if (event instanceof EmailLogged email) {
            entry.activity = Activity.email(email.emailId(), email.direction().name(), email.subject(),
                    email.fromAddress(), email.toAddress(), email.externalId());
        } else if (event instanceof EmailOpened opened) {
            entry.activity = earlier.activity(opened.dealId(), opened.emailId(), "EMAIL", sequence)
                    .orElse(Activity.email(opened.emailId(), null, null, null, null, null));
        } else if (event instanceof MeetingLogged meeting) {
            entry.activity = Activity.meeting(meeting.meetingId(), meeting.title(), meeting.durationMinutes(),
                    meeting.notes());
        } else if (event instanceof CommentAdded comment) {
            entry.activity = Activity.comment(comment.commentId(), comment.text());
        }
        return new TimelineEntry(TimelineEntry.idOf(event.dealId(), sequence), event.dealId(), sequence,
                envelope.type(), envelope.occurredAt(), envelope.recordedAt(), envelope.actor(), envelope.source(),
                envelope.correlationId(), entry.pipelineId, entry.stageId, entry.previousPipelineId,
                entry.changes, entry.activity, entry.note);
    }

    private static void details(Entry entry, DealDetails before, DealDetails after) {
        ClientInfo was = before.client();
        ClientInfo is = after.client();
        entry.change("title", before.title(), after.title());
        entry.change("client.company", was.company(), is.company());
        entry.change("client.contactPerson", was.contactPerson(), is.contactPerson());
        entry.change("client.decisionMaker", was.decisionMaker(), is.decisionMaker());
        entry.change("client.phone", was.phone(), is.phone());
        entry.change("client.email", was.email(), is.email());
        entry.change("client.industry", was.industry(), is.industry());
        entry.change("sourceChannel", before.sourceChannel(), after.sourceChannel());
        entry.change("product", before.product(), after.product());
    }

    /**
     * The deal's earlier entries a batch's events look back to: those about the tasks and e-mails its events name,
     * and the closings of the deals it reopens, as stored, with the entries the batch writes.
     */
    private static final class Earlier {
        private final Map<String, List<TimelineEntry>> byDeal = new HashMap<>();

        void addAll(List<TimelineEntry> entries) {
            entries.forEach(this::add);
        }

        void add(TimelineEntry entry) {
            byDeal.computeIfAbsent(entry.dealId(), ignored -> new ArrayList<>()).add(entry);
        }

        /** The deal's latest entry before {@code sequence} that the filter takes. */
        private Optional<TimelineEntry> latest(String dealId, long sequence, Predicate<TimelineEntry> filter) {
            return byDeal.getOrDefault(dealId, List.of()).stream()
                    .filter(entry -> entry.sequence() < sequence && filter.test(entry))
                    .max(Comparator.comparingLong(TimelineEntry::sequence));
        }

        /** What the deal's earlier entries say about a task, with its latest due time. */
        Activity taskAsItWas(String dealId, String taskId, long sequence) {
            Optional<Activity> earlier = activity(dealId, taskId, "TASK", sequence);
            return Activity.task(taskId, earlier.map(Activity::title).orElse(null),
                    earlier.map(Activity::dueAt).orElse(null), null);
        }

        /** The activity as the deal's latest entry before {@code sequence} about it records it. */
        Optional<Activity> activity(String dealId, String activityId, String kind, long sequence) {
            return latest(dealId, sequence, entry -> entry.activity() != null
                    && activityId.equals(entry.activity().activityId()) && kind.equals(entry.activity().kind()))
                    .map(TimelineEntry::activity);
        }

        /** WON or LOST, as the deal's latest closing before {@code sequence}; null if none is known. */
        String closedStatusBefore(String dealId, long sequence) {
            return latest(dealId, sequence, entry -> CLOSINGS.contains(entry.type()))
                    .map(closing -> "DealWon".equals(closing.type()) ? "WON" : "LOST").orElse(null);
        }
    }

    private static String text(Money money) {
        return money == null ? null : money.amount().toPlainString() + " " + money.currency();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The parts of an entry as they are collected from its event. */
    private static final class Entry {
        private String pipelineId;
        private String stageId;
        private String previousPipelineId;
        private final List<Change> changes = new ArrayList<>();
        private Activity activity;
        private String note;

        void at(String pipeline, String stage) {
            pipelineId = pipeline;
            stageId = stage;
        }

        /** Records a change, unless the value stayed the same. */
        void change(String field, String from, String to) {
            if (!Objects.equals(from, to)) {
                changes.add(new Change(field, from, to));
            }
        }
    }
}
