package dev.salespipeline.command.deal.command;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import dev.salespipeline.api.deal.AddComment;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.CancelTask;
import dev.salespipeline.api.deal.ChangeDealAmount;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.CompleteTask;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.HandOverDeal;
import dev.salespipeline.api.deal.LogCall;
import dev.salespipeline.command.speech.matching.TranscriptChecks;
import dev.salespipeline.api.deal.LogEmail;
import dev.salespipeline.api.deal.LogMeeting;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.RecordEmailOpened;
import dev.salespipeline.api.deal.RescheduleTask;
import dev.salespipeline.api.deal.ScheduleTask;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.deal.TransferDealToPipeline;
import dev.salespipeline.api.deal.ChangeExpectedCloseDate;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.EditDealDetails;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.LoseDeal;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.MoveDealToStage;
import dev.salespipeline.api.deal.OpenDeal;
import dev.salespipeline.api.deal.OverrideProbability;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.ReopenDeal;
import dev.salespipeline.api.deal.WinDeal;
import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.command.axon.AggregateCommandTargetResolver;
import dev.salespipeline.command.pipeline.catalog.PipelineCatalog;
import dev.salespipeline.command.rules.AggregateIds;
import dev.salespipeline.api.pipeline.PipelineDefinition;

/**
 * A deal: the card a rep moves through the stages of a pipeline until it is won or lost.
 * Command handlers check access and rules, then apply events; event sourcing handlers only assign
 * state. Handlers on an existing deal return its version afterwards, which the API sends as the ETag.
 */
@Aggregate(commandTargetResolver = AggregateCommandTargetResolver.BEAN_NAME,
        snapshotTriggerDefinition = DealRepositoryConfiguration.SNAPSHOT_TRIGGER,
        cache = DealRepositoryConfiguration.CACHE)
// Snapshots serialize the fields as they are; the aggregate has no getters to show them.
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Deal {

    @AggregateIdentifier
    private String dealId;
    private String pipelineId;
    private String stageId;
    private String ownerId;
    private String teamId;
    private DealDetails details;
    private Money amount;
    private LocalDate expectedCloseDate;
    private Integer probabilityOverride;
    private boolean closed;
    /** Open tasks by id, with their due time; the deal's next action is the one due first. */
    private Map<String, Instant> openTasks = new HashMap<>();
    /** Ids of tasks done or cancelled, which cannot be reused. */
    private Set<String> closedTasks = new HashSet<>();
    /** Ids of activities already recorded: recording one again changes nothing. */
    private Set<String> activities = new HashSet<>();
    private Set<String> emails = new HashSet<>();
    private Set<String> openedEmails = new HashSet<>();

    protected Deal() {
        // for Axon: the aggregate is rebuilt from its events
    }

    @CommandHandler
    public Deal(OpenDeal command, MetaData metaData, PipelineCatalog pipelines) {
        if (command.title().isBlank()) {
            throw new IllegalArgumentException("a deal needs a title");
        }
        AggregateIds.checkDealId(command.dealId());
        DealAccessPolicy.checkMayOpen(Caller.from(metaData), command.ownerId(), command.teamId());
        DealRules.checkStageOf(pipeline(pipelines, command.pipelineId()), command.stageId());
        apply(new DealOpened(command.dealId(), command.pipelineId(), command.stageId(), command.title(),
                command.ownerId(), command.teamId(), command.amount(), command.occurredAt()));
    }

    @CommandHandler
    long handle(ChangeDealAmount command, MetaData metaData, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        if (!command.amount().sameValueAs(amount)) {
            apply(new DealAmountChanged(dealId, amount, command.amount(), command.occurredAt()));
        }
        return version();
    }

    @CommandHandler
    long handle(EditDealDetails command, MetaData metaData, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        if (command.details().title().isBlank()) {
            throw new IllegalArgumentException("a deal needs a title");
        }
        if (!command.details().equals(details)) {
            apply(new DealDetailsEdited(dealId, details, command.details(), command.occurredAt()));
        }
        return version();
    }

    @CommandHandler
    long handle(ChangeExpectedCloseDate command, MetaData metaData, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        if (!Objects.equals(command.expectedCloseDate(), expectedCloseDate)) {
            apply(new ExpectedCloseDateChanged(dealId, expectedCloseDate, command.expectedCloseDate(),
                    command.occurredAt()));
        }
        return version();
    }

    @CommandHandler
    long handle(OverrideProbability command, MetaData metaData, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        if (!Objects.equals(command.probability(), probabilityOverride)) {
            apply(new ProbabilityOverridden(dealId, probabilityOverride, command.probability(), command.occurredAt()));
        }
        return version();
    }

    @CommandHandler
    long handle(MoveDealToStage command, MetaData metaData, PipelineCatalog pipelines, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        DealRules.checkOpen(closed, dealId);
        if (command.stageId().equals(stageId)) {
            return version();
        }
        PipelineDefinition pipeline = pipeline(pipelines, pipelineId);
        DealRules.checkStageOf(pipeline, command.stageId());
        DealRules.checkExitRequirements(pipeline, stageId, this::isFilled);
        apply(new DealMovedToStage(dealId, pipelineId, stageId, command.stageId(), command.occurredAt()));
        return version();
    }

    @CommandHandler
    long handle(WinDeal command, MetaData metaData, PipelineCatalog pipelines, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        DealRules.checkOpen(closed, dealId);
        DealRules.checkExitRequirements(pipeline(pipelines, pipelineId), stageId, this::isFilled);
        apply(new DealWon(dealId, pipelineId, stageId, amount, command.occurredAt()));
        return version();
    }

    @CommandHandler
    long handle(LoseDeal command, MetaData metaData, PipelineCatalog pipelines, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        DealRules.checkOpen(closed, dealId);
        DealRules.checkLostReason(pipeline(pipelines, pipelineId), command.reason());
        apply(new DealLost(dealId, pipelineId, stageId, command.reason(), command.comment(), command.occurredAt()));
        return version();
    }

    @CommandHandler
    long handle(ReopenDeal command, MetaData metaData, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        if (!closed) {
            throw new DealRuleViolation(DealRules.REOPEN_ONLY_CLOSED, "deal " + dealId + " is open");
        }
        apply(new DealReopened(dealId, pipelineId, stageId, command.occurredAt()));
        return version();
    }

    @CommandHandler
    long handle(HandOverDeal command, MetaData metaData, ConflictResolver conflicts) {
        Caller caller = Caller.from(metaData);
        String newTeam = command.teamId() == null ? teamId : command.teamId();
        DealAccessPolicy.checkMayHandOver(caller, dealId, ownerId, teamId, newTeam);
        rejectIfStale(conflicts);
        if (!command.ownerId().equals(ownerId) || !Objects.equals(newTeam, teamId)) {
            apply(new DealHandedOver(dealId, ownerId, command.ownerId(), teamId, newTeam, command.reason(),
                    command.occurredAt()));
        }
        return version();
    }

    @CommandHandler
    long handle(TransferDealToPipeline command, MetaData metaData, PipelineCatalog pipelines,
                ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        DealRules.checkOpen(closed, dealId);
        if (command.pipelineId().equals(pipelineId)) {
            throw new DealRuleViolation(DealRules.TRANSFER_TO_ANOTHER_PIPELINE,
                    "deal " + dealId + " is in pipeline " + pipelineId + " already: move it to a stage instead");
        }
        DealRules.checkStageOf(pipeline(pipelines, command.pipelineId()), command.stageId());
        DealRules.checkExitRequirements(pipeline(pipelines, pipelineId), stageId, this::isFilled);
        apply(new DealTransferred(dealId, pipelineId, stageId, command.pipelineId(), command.stageId(),
                command.occurredAt()));
        return version();
    }

    @CommandHandler
    long handle(ScheduleTask command, MetaData metaData, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        if (openTasks.containsKey(command.taskId()) || closedTasks.contains(command.taskId())) {
            throw new DealRuleViolation(DealRules.TASK_ID_UNIQUE, "task " + command.taskId() + " exists already");
        }
        apply(new TaskScheduled(dealId, command.taskId(), command.title(), command.dueAt(), command.occurredAt()));
        return version();
    }

    @CommandHandler
    long handle(CompleteTask command, MetaData metaData, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        DealRules.checkOpenTask(openTasks.containsKey(command.taskId()), command.taskId());
        apply(new TaskCompleted(dealId, command.taskId(), command.occurredAt()));
        return version();
    }

    @CommandHandler
    long handle(RescheduleTask command, MetaData metaData, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        DealRules.checkOpenTask(openTasks.containsKey(command.taskId()), command.taskId());
        Instant previous = openTasks.get(command.taskId());
        if (!previous.equals(command.dueAt())) {
            apply(new TaskRescheduled(dealId, command.taskId(), previous, command.dueAt(), command.occurredAt()));
        }
        return version();
    }

    @CommandHandler
    long handle(CancelTask command, MetaData metaData, ConflictResolver conflicts) {
        checkMayChange(metaData);
        rejectIfStale(conflicts);
        DealRules.checkOpenTask(openTasks.containsKey(command.taskId()), command.taskId());
        apply(new TaskCancelled(dealId, command.taskId(), command.occurredAt()));
        return version();
    }

    /**
     * The transcript is checked against the company's dictionaries in force now, and the matches are kept on the call:
     * a later change of a dictionary does not change what an earlier call was found to say.
     */
    @CommandHandler
    long handle(LogCall command, MetaData metaData, TranscriptChecks transcripts) {
        checkMayLogActivity(metaData);
        if (!activities.contains(command.callId())) {
            apply(new CallLogged(dealId, command.callId(), command.direction(), command.occurredAt(),
                    command.durationSeconds(), command.answered(), command.phoneNumber(), command.recordingUrl(),
                    command.transcript(), command.externalId(), transcripts.check(command.transcript())));
        }
        return version();
    }

    @CommandHandler
    long handle(LogEmail command, MetaData metaData) {
        checkMayLogActivity(metaData);
        if (!activities.contains(command.emailId())) {
            apply(new EmailLogged(dealId, command.emailId(), command.direction(), command.occurredAt(),
                    command.subject(), command.fromAddress(), command.toAddress(), command.externalId()));
        }
        return version();
    }

    @CommandHandler
    long handle(RecordEmailOpened command, MetaData metaData) {
        checkMayChange(metaData);
        if (!emails.contains(command.emailId())) {
            throw new DealRuleViolation(DealRules.KNOWN_EMAIL, "no email " + command.emailId() + " on deal " + dealId);
        }
        if (!openedEmails.contains(command.emailId())) {
            apply(new EmailOpened(dealId, command.emailId(), command.occurredAt()));
        }
        return version();
    }

    @CommandHandler
    long handle(LogMeeting command, MetaData metaData) {
        checkMayChange(metaData);
        if (!activities.contains(command.meetingId())) {
            apply(new MeetingLogged(dealId, command.meetingId(), command.title(), command.occurredAt(),
                    command.durationMinutes(), command.notes()));
        }
        return version();
    }

    @CommandHandler
    long handle(AddComment command, MetaData metaData) {
        checkMayChange(metaData);
        if (command.text().isBlank()) {
            throw new IllegalArgumentException("a comment needs text");
        }
        if (!activities.contains(command.commentId())) {
            apply(new CommentAdded(dealId, command.commentId(), command.text(), command.occurredAt()));
        }
        return version();
    }

    /**
     * A command based on an older version than the deal's (If-Match) is refused before anything but access
     * is checked: its sender decided on a card that has changed since. Access comes first, so that a caller
     * who may not see the deal learns nothing of its version.
     */
    private static void rejectIfStale(ConflictResolver conflicts) {
        conflicts.detectConflicts(unseenEvents -> !unseenEvents.isEmpty());
    }

    private void checkMayLogActivity(MetaData metaData) {
        DealAccessPolicy.checkMayLogActivity(Caller.from(metaData), dealId, ownerId, teamId);
    }

    private void checkMayChange(MetaData metaData) {
        DealAccessPolicy.checkMayChange(Caller.from(metaData), dealId, ownerId, teamId);
    }

    private static PipelineDefinition pipeline(PipelineCatalog pipelines, String pipelineId) {
        return pipelines.find(pipelineId).orElseThrow(() -> new UnknownPipelineException(pipelineId));
    }

    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? 0 : version;
    }

    private boolean isFilled(DealField field) {
        ClientInfo client = details.client();
        return switch (field) {
            case AMOUNT -> amount != null;
            case EXPECTED_CLOSE_DATE -> expectedCloseDate != null;
            case CLIENT_COMPANY -> present(client.company());
            case CONTACT_PERSON -> present(client.contactPerson());
            case DECISION_MAKER -> present(client.decisionMaker());
            case PHONE -> present(client.phone());
            case EMAIL -> present(client.email());
            case INDUSTRY -> present(client.industry());
            case SOURCE_CHANNEL -> present(details.sourceChannel());
            case PRODUCT -> present(details.product());
            case NEXT_ACTION -> !openTasks.isEmpty();
        };
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    @EventSourcingHandler
    void on(DealOpened event) {
        this.dealId = event.dealId();
        this.pipelineId = event.pipelineId();
        this.stageId = event.stageId();
        this.ownerId = event.ownerId();
        this.teamId = event.teamId();
        this.details = new DealDetails(event.title(), ClientInfo.NONE, null, null);
        this.amount = event.amount();
    }

    @EventSourcingHandler
    void on(DealAmountChanged event) {
        this.amount = event.amount();
    }

    @EventSourcingHandler
    void on(DealDetailsEdited event) {
        this.details = event.details();
    }

    @EventSourcingHandler
    void on(ExpectedCloseDateChanged event) {
        this.expectedCloseDate = event.expectedCloseDate();
    }

    @EventSourcingHandler
    void on(ProbabilityOverridden event) {
        this.probabilityOverride = event.probability();
    }

    @EventSourcingHandler
    void on(DealMovedToStage event) {
        this.stageId = event.toStageId();
    }

    @EventSourcingHandler
    void on(DealWon event) {
        this.closed = true;
    }

    @EventSourcingHandler
    void on(DealLost event) {
        this.closed = true;
    }

    @EventSourcingHandler
    void on(DealReopened event) {
        this.closed = false;
    }

    @EventSourcingHandler
    void on(DealHandedOver event) {
        this.ownerId = event.ownerId();
        this.teamId = event.teamId();
    }

    @EventSourcingHandler
    void on(DealTransferred event) {
        this.pipelineId = event.toPipelineId();
        this.stageId = event.toStageId();
    }

    @EventSourcingHandler
    void on(TaskScheduled event) {
        openTasks.put(event.taskId(), event.dueAt());
    }

    @EventSourcingHandler
    void on(TaskRescheduled event) {
        openTasks.put(event.taskId(), event.dueAt());
    }

    @EventSourcingHandler
    void on(TaskCompleted event) {
        openTasks.remove(event.taskId());
        closedTasks.add(event.taskId());
    }

    @EventSourcingHandler
    void on(TaskCancelled event) {
        openTasks.remove(event.taskId());
        closedTasks.add(event.taskId());
    }

    @EventSourcingHandler
    void on(CallLogged event) {
        activities.add(event.callId());
    }

    @EventSourcingHandler
    void on(EmailLogged event) {
        activities.add(event.emailId());
        emails.add(event.emailId());
    }

    @EventSourcingHandler
    void on(EmailOpened event) {
        openedEmails.add(event.emailId());
    }

    @EventSourcingHandler
    void on(MeetingLogged event) {
        activities.add(event.meetingId());
    }

    @EventSourcingHandler
    void on(CommentAdded event) {
        activities.add(event.commentId());
    }
}
