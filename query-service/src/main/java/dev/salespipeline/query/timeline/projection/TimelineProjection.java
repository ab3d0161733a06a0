package dev.salespipeline.query.timeline.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
import dev.salespipeline.query.events.Projection;
import dev.salespipeline.query.timeline.projection.TimelineEntry.Activity;
import dev.salespipeline.query.timeline.projection.TimelineEntry.Change;

/**
 * Keeps the {@link TimelineEntry} documents: one per deal event, written whole under
 * {@code <dealId>:<aggregateSequence>}. What an entry says depends only on its event and on the
 * deal's earlier entries (a completed task's title comes from the entry that scheduled it), so writing
 * it again for a duplicate or a replay gives the same document.
 */
@Component
class TimelineProjection implements Projection {

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
    public void apply(EventEnvelope<?> envelope) {
        if (envelope.payload() instanceof DealEvent event) {
            mongo.save(entry(event, envelope));
        }
    }

    private TimelineEntry entry(DealEvent event, EventEnvelope<?> envelope) {
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
            entry.change("status", closedStatusBefore(reopened.dealId(), sequence), "OPEN");
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
                    earlier(rescheduled.dealId(), rescheduled.taskId(), "TASK", sequence).map(Activity::title)
                            .orElse(null),
                    rescheduled.dueAt(), rescheduled.previousDueAt());
        } else if (event instanceof TaskCompleted completed) {
            entry.activity = taskAsItWas(completed.dealId(), completed.taskId(), sequence);
        } else if (event instanceof TaskCancelled cancelled) {
            entry.activity = taskAsItWas(cancelled.dealId(), cancelled.taskId(), sequence);
        } else if (event instanceof CallLogged call) {
            entry.activity = Activity.call(call.callId(), call.direction().name(), call.durationSeconds(),
                    call.answered(), call.phoneNumber(), call.recordingUrl(), call.externalId());
        } else if (event instanceof EmailLogged email) {
            entry.activity = Activity.email(email.emailId(), email.direction().name(), email.subject(),
                    email.fromAddress(), email.toAddress(), email.externalId());
        } else if (event instanceof EmailOpened opened) {
            entry.activity = earlier(opened.dealId(), opened.emailId(), "EMAIL", sequence)
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

    /** What the deal's earlier entries say about a task, with its latest due time. */
    private Activity taskAsItWas(String dealId, String taskId, long sequence) {
        Optional<Activity> earlier = earlier(dealId, taskId, "TASK", sequence);
        return Activity.task(taskId, earlier.map(Activity::title).orElse(null),
                earlier.map(Activity::dueAt).orElse(null), null);
    }

    /** The activity as the deal's latest entry before {@code sequence} about it records it. */
    private Optional<Activity> earlier(String dealId, String activityId, String kind, long sequence) {
        Query query = Query.query(where("dealId").is(dealId).and("sequence").lt(sequence)
                        .and("activity.activityId").is(activityId).and("activity.kind").is(kind))
                .with(Sort.by(Sort.Direction.DESC, "sequence"))
                .limit(1);
        return Optional.ofNullable(mongo.findOne(query, TimelineEntry.class)).map(TimelineEntry::activity);
    }

    /** WON or LOST, as the deal's latest closing before {@code sequence}; null if none is known. */
    private String closedStatusBefore(String dealId, long sequence) {
        Query query = Query.query(where("dealId").is(dealId).and("sequence").lt(sequence)
                        .and("type").in("DealWon", "DealLost"))
                .with(Sort.by(Sort.Direction.DESC, "sequence"))
                .limit(1);
        TimelineEntry closing = mongo.findOne(query, TimelineEntry.class);
        return closing == null ? null : "DealWon".equals(closing.type()) ? "WON" : "LOST";
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
