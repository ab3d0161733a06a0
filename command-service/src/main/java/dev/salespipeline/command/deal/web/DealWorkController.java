package dev.salespipeline.command.deal.web;

import dev.salespipeline.command.web.ExpectedVersion;
import java.time.Clock;
import java.util.UUID;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.deal.AddComment;
import dev.salespipeline.api.deal.CancelTask;
import dev.salespipeline.api.deal.CompleteTask;
import dev.salespipeline.api.deal.HandOverDeal;
import dev.salespipeline.api.deal.LogCall;
import dev.salespipeline.api.deal.LogEmail;
import dev.salespipeline.api.deal.LogMeeting;
import dev.salespipeline.api.deal.RecordEmailOpened;
import dev.salespipeline.api.deal.RescheduleTask;
import dev.salespipeline.api.deal.ScheduleTask;
import dev.salespipeline.api.deal.TransferDealToPipeline;
import dev.salespipeline.command.deal.web.DealCommands.DealAccepted;
import dev.salespipeline.command.web.BusinessTime;
import dev.salespipeline.command.web.RequestMetadata;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/**
 * REST commands about the work on a deal: who owns it, which pipeline it is in, its tasks, and the
 * calls, emails, meetings and comments logged on it. Activities carry the time they happened, which
 * may be in the past (a call logged late keeps its time).
 */
@RestController
@RequestMapping("/deals/{dealId}")
@Tag(name = "Deal work", description = "Owner, pipeline, tasks and activities of a deal")
class DealWorkController {

    private final DealCommands deals;
    private final Clock clock;

    DealWorkController(DealCommands deals, Clock clock) {
        this.deals = deals;
        this.clock = clock;
    }

    private static String idOr(String given) {
        return given != null ? given : UUID.randomUUID().toString();
    }

    @PutMapping("/owner")
    @Operation(summary = "Hand the deal over to another owner", description = "Within its team; another team takes an "
            + "admin. The rights to the deal move with it.")
    ResponseEntity<DealAccepted> handOver(@PathVariable @DealIdentifier String dealId,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody WorkRequests.HandOver request,
                                          @Parameter(hidden = true) RequestMetadata metadata) {
        return deals.send(dealId, new HandOverDeal(dealId, request.ownerId(), request.teamId(), request.reason(),
                ExpectedVersion.fromIfMatch(ifMatch), BusinessTime.of(request.occurredAt(), clock)), metadata);
    }

    @PutMapping("/pipeline")
    @Operation(summary = "Transfer the deal to a stage of another pipeline", description = "The hand-off between "
            + "departments (call centre, sales, legal). The stage being left must have its required fields filled.")
    ResponseEntity<DealAccepted> transfer(@PathVariable @DealIdentifier String dealId,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody WorkRequests.Transfer request,
                                          @Parameter(hidden = true) RequestMetadata metadata) {
        return deals.send(dealId, new TransferDealToPipeline(dealId, request.pipelineId(), request.stageId(),
                ExpectedVersion.fromIfMatch(ifMatch), BusinessTime.of(request.occurredAt(), clock)), metadata);
    }

    @PostMapping("/tasks")
    @Operation(summary = "Schedule a task (a next action)")
    ResponseEntity<DealAccepted> schedule(@PathVariable @DealIdentifier String dealId,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                          @Valid @RequestBody WorkRequests.Schedule request,
                                          @Parameter(hidden = true) RequestMetadata metadata) {
        String taskId = idOr(request.taskId());
        return deals.send(dealId, taskId, new ScheduleTask(dealId, taskId, request.title().strip(), request.dueAt(),
                ExpectedVersion.fromIfMatch(ifMatch), BusinessTime.of(request.occurredAt(), clock)), metadata);
    }

    @PutMapping("/tasks/{taskId}/status")
    @Operation(summary = "Mark a task done or cancel it")
    ResponseEntity<DealAccepted> changeTaskStatus(@PathVariable @DealIdentifier String dealId,
                                                  @PathVariable String taskId,
                                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                                  String ifMatch,
                                                  @Valid @RequestBody WorkRequests.ChangeTaskStatus request,
                                                  @Parameter(hidden = true) RequestMetadata metadata) {
        Long expected = ExpectedVersion.fromIfMatch(ifMatch);
        var occurredAt = BusinessTime.of(request.occurredAt(), clock);
        Object command = request.status() == WorkRequests.TaskStatus.DONE
                ? new CompleteTask(dealId, taskId, expected, occurredAt)
                : new CancelTask(dealId, taskId, expected, occurredAt);
        return deals.send(dealId, command, metadata);
    }

    @PutMapping("/tasks/{taskId}/due-at")
    @Operation(summary = "Reschedule a task")
    ResponseEntity<DealAccepted> reschedule(@PathVariable @DealIdentifier String dealId, @PathVariable String taskId,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch,
                                            @Valid @RequestBody WorkRequests.Reschedule request,
                                            @Parameter(hidden = true) RequestMetadata metadata) {
        return deals.send(dealId, new RescheduleTask(dealId, taskId, request.dueAt(),
                ExpectedVersion.fromIfMatch(ifMatch), BusinessTime.of(request.occurredAt(), clock)), metadata);
    }

    @PostMapping("/calls")
    @Operation(summary = "Log a call", description = "The same call id logged twice is recorded once.")
    ResponseEntity<DealAccepted> logCall(@PathVariable @DealIdentifier String dealId,
                                         @Valid @RequestBody WorkRequests.Call request,
                                         @Parameter(hidden = true) RequestMetadata metadata) {
        String callId = idOr(request.callId());
        return deals.send(dealId, callId, new LogCall(dealId, callId, request.direction(),
                BusinessTime.of(request.startedAt(), clock), request.durationSeconds(), request.answered(),
                request.phoneNumber(), request.recordingUrl(), request.transcript(), request.externalId()), metadata);
    }

    @PostMapping("/emails")
    @Operation(summary = "Log an email", description = "The same email id logged twice is recorded once.")
    ResponseEntity<DealAccepted> logEmail(@PathVariable @DealIdentifier String dealId,
                                          @Valid @RequestBody WorkRequests.Email request,
                                          @Parameter(hidden = true) RequestMetadata metadata) {
        String emailId = idOr(request.emailId());
        return deals.send(dealId, emailId, new LogEmail(dealId, emailId, request.direction(),
                BusinessTime.of(request.sentAt(), clock), request.subject(), request.fromAddress(), request.toAddress(),
                request.externalId()), metadata);
    }

    @PutMapping("/emails/{emailId}/opened-at")
    @Operation(summary = "Record that the client opened an email")
    ResponseEntity<DealAccepted> emailOpened(@PathVariable @DealIdentifier String dealId, @PathVariable String emailId,
                                             @Valid @RequestBody WorkRequests.Opened request,
                                             @Parameter(hidden = true) RequestMetadata metadata) {
        return deals.send(dealId, new RecordEmailOpened(dealId, emailId, BusinessTime.of(request.openedAt(), clock)),
                metadata);
    }

    @PostMapping("/meetings")
    @Operation(summary = "Log a meeting")
    ResponseEntity<DealAccepted> logMeeting(@PathVariable @DealIdentifier String dealId,
                                            @Valid @RequestBody WorkRequests.Meeting request,
                                            @Parameter(hidden = true) RequestMetadata metadata) {
        String meetingId = idOr(request.meetingId());
        return deals.send(dealId, meetingId, new LogMeeting(dealId, meetingId, request.title().strip(),
                BusinessTime.of(request.startedAt(), clock), request.durationMinutes(), request.notes()), metadata);
    }

    @PostMapping("/comments")
    @Operation(summary = "Add a comment")
    ResponseEntity<DealAccepted> comment(@PathVariable @DealIdentifier String dealId,
                                         @Valid @RequestBody WorkRequests.Comment request,
                                         @Parameter(hidden = true) RequestMetadata metadata) {
        String commentId = idOr(request.commentId());
        return deals.send(dealId, commentId, new AddComment(dealId, commentId, request.text(),
                BusinessTime.of(request.occurredAt(), clock)), metadata);
    }
}
