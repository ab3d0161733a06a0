package dev.salespipeline.command.deal.web;

import dev.salespipeline.command.web.Identifiers;
import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.salespipeline.api.deal.Direction;

/**
 * Bodies of the commands about the work on a deal. Ids of created items (tasks, calls, emails...)
 * may be chosen by the client, which makes a retry harmless; otherwise the service assigns one.
 */
final class WorkRequests {

    private WorkRequests() {
    }

    /** {@code PUT /deals/{dealId}/owner}. */
    record HandOver(@NotBlank @Size(max = 100) String ownerId,
                    @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String teamId,
                    @Size(max = 500) String reason, Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/pipeline}. */
    record Transfer(@NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String pipelineId,
                    @NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String stageId,
                    Instant occurredAt) {
    }

    /** {@code POST /deals/{dealId}/tasks}. */
    record Schedule(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String taskId,
                    @NotBlank @Size(max = 200) String title, @NotNull Instant dueAt, Instant occurredAt) {
    }

    enum TaskStatus { DONE, CANCELLED }

    /** {@code PUT /deals/{dealId}/tasks/{taskId}/status}. */
    record ChangeTaskStatus(@NotNull TaskStatus status, Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/tasks/{taskId}/due-at}. */
    record Reschedule(@NotNull Instant dueAt, Instant occurredAt) {
    }

    /** {@code POST /deals/{dealId}/calls}: {@code startedAt} is the call's business time. */
    record Call(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String callId,
                @NotNull Direction direction, @NotNull Instant startedAt,
                @PositiveOrZero @Max(86_400) long durationSeconds, boolean answered,
                @Size(max = 40) String phoneNumber, @Size(max = 2000) String recordingUrl,
                @Size(max = 100_000) String transcript, @Size(max = 200) String externalId) {
    }

    /** {@code POST /deals/{dealId}/emails}: {@code sentAt} is the email's business time. */
    record Email(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String emailId,
                 @NotNull Direction direction, @NotNull Instant sentAt, @Size(max = 500) String subject,
                 @Size(max = 254) String fromAddress, @Size(max = 254) String toAddress,
                 @Size(max = 200) String externalId) {
    }

    /** {@code PUT /deals/{dealId}/emails/{emailId}/opened-at}. */
    record Opened(@NotNull Instant openedAt) {
    }

    /** {@code POST /deals/{dealId}/meetings}. */
    record Meeting(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String meetingId,
                   @NotBlank @Size(max = 200) String title, @NotNull Instant startedAt,
                   @PositiveOrZero @Max(1440) long durationMinutes, @Size(max = 10_000) String notes) {
    }

    /** {@code POST /deals/{dealId}/comments}. */
    record Comment(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String commentId,
                   @NotBlank @Size(max = 10_000) String text, Instant occurredAt) {
    }
}
