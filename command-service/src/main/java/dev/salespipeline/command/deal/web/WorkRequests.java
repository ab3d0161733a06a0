package dev.salespipeline.command.deal.web;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.command.web.Identifiers;
import dev.salespipeline.command.web.WithinYears;

/**
 * Bodies of the commands about the work on a deal. Ids of created items (tasks, calls, emails...)
 * may be chosen by the client, which makes a retry harmless; otherwise the service assigns one.
 */
final class WorkRequests {

    private WorkRequests() {
    }

    /** {@code PUT /deals/{dealId}/owner}. */
    record HandOver(@NotBlank @Size(max = Bounds.ID_LENGTH) String ownerId,
                    @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String teamId,
                    @Size(max = Bounds.TEXT_LENGTH) String reason, @WithinYears Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/pipeline}. */
    record Transfer(@NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String pipelineId,
                    @NotBlank @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String stageId,
                    @WithinYears Instant occurredAt) {
    }

    /** {@code POST /deals/{dealId}/tasks}. */
    record Schedule(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String taskId,
                    @NotBlank @Size(max = Bounds.TITLE_LENGTH) String title, @NotNull @WithinYears Instant dueAt,
                    @WithinYears Instant occurredAt) {
    }

    enum TaskStatus { DONE, CANCELLED }

    /** {@code PUT /deals/{dealId}/tasks/{taskId}/status}. */
    record ChangeTaskStatus(@NotNull TaskStatus status, @WithinYears Instant occurredAt) {
    }

    /** {@code PUT /deals/{dealId}/tasks/{taskId}/due-at}. */
    record Reschedule(@NotNull @WithinYears Instant dueAt, @WithinYears Instant occurredAt) {
    }

    /** {@code POST /deals/{dealId}/calls}: {@code startedAt} is the call's business time. */
    record Call(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String callId,
                @NotNull Direction direction, @NotNull @WithinYears Instant startedAt,
                @PositiveOrZero @Max(Bounds.MAX_CALL_SECONDS) long durationSeconds, boolean answered,
                @Size(max = Bounds.PHONE_LENGTH) String phoneNumber,
                @Size(max = Bounds.TEXT_LENGTH) String recordingUrl,
                @Size(max = Bounds.TRANSCRIPT_LENGTH) String transcript,
                @Size(max = Bounds.EXTERNAL_ID_LENGTH) String externalId) {
    }

    /** {@code POST /deals/{dealId}/emails}: {@code sentAt} is the email's business time. */
    record Email(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String emailId,
                 @NotNull Direction direction, @NotNull @WithinYears Instant sentAt,
                 @Size(max = Bounds.TEXT_LENGTH) String subject,
                 @Size(max = Bounds.EMAIL_LENGTH) String fromAddress, @Size(max = Bounds.EMAIL_LENGTH) String toAddress,
                 @Size(max = Bounds.EXTERNAL_ID_LENGTH) String externalId) {
    }

    /** {@code PUT /deals/{dealId}/emails/{emailId}/opened-at}. */
    record Opened(@NotNull @WithinYears Instant openedAt) {
    }

    /** {@code POST /deals/{dealId}/meetings}. */
    record Meeting(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String meetingId,
                   @NotBlank @Size(max = Bounds.TITLE_LENGTH) String title, @NotNull @WithinYears Instant startedAt,
                   @PositiveOrZero @Max(Bounds.MAX_MEETING_MINUTES) long durationMinutes,
                   @Size(max = Bounds.NOTE_LENGTH) String notes) {
    }

    /** {@code POST /deals/{dealId}/comments}. */
    record Comment(@Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String commentId,
                   @NotBlank @Size(max = Bounds.NOTE_LENGTH) String text, @WithinYears Instant occurredAt) {
    }
}
