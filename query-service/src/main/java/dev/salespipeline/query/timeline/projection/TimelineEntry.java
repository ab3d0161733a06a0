package dev.salespipeline.query.timeline.projection;

import java.time.Instant;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One event in the life of a deal, as its timeline shows it: who did what, when, through which channel,
 * and which fields it changed from what to what. The id is {@code <dealId>:<aggregateSequence>}, so a
 * duplicate or replayed event writes the same document again.
 *
 * <p>Stages are kept by id and named when read, so that a later rename shows in the whole history.
 *
 * @param pipelineId         the pipeline the deal is in after the event, when the event names it
 * @param stageId            the stage the deal is in after the event, when the event names it
 * @param previousPipelineId the pipeline the deal left, for a transfer
 * @param changes            fields the event changed, with the values as text
 * @param activity           what a logged call, email, meeting, comment or task says; null for other events
 * @param note               free text that goes with a change: a hand-over's reason, a loss's comment
 */
@Document(TimelineEntry.COLLECTION)
public record TimelineEntry(
        @Id String id,
        String dealId,
        long sequence,
        String type,
        Instant occurredAt,
        Instant recordedAt,
        String actor,
        String source,
        String correlationId,
        String pipelineId,
        String stageId,
        String previousPipelineId,
        List<Change> changes,
        Activity activity,
        String note) {

    public static final String COLLECTION = "deal_timeline";

    /** Field names that hold a stage id; readers resolve them to the stage's name. */
    public static final String STAGE = "stage";

    public TimelineEntry {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static String idOf(String dealId, long sequence) {
        return dealId + ":" + sequence;
    }

    /**
     * A field's value before and after, as text (amounts as {@code "1500.00 EUR"}, dates ISO-8601),
     * either null when not set.
     */
    public record Change(String field, String from, String to) {
    }

    /**
     * A phrase of the company's dictionaries found in a call's transcript when the call was logged: the dictionary's
     * language and list, the phrase, where it is in the transcript ({@code start} to {@code end}) and the words as
     * spoken.
     */
    public record TranscriptMatch(String language, String list, String phrase, int start, int end, String text) {

        static TranscriptMatch of(dev.salespipeline.api.deal.TranscriptMatch match) {
            return new TranscriptMatch(match.language(), match.list(), match.phrase(), match.start(), match.end(),
                    match.text());
        }
    }

    /**
     * What a logged activity or a task says. Every field is optional; which are set depends on
     * {@code kind}: CALL, EMAIL, MEETING, COMMENT or TASK.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Activity(
            String kind,
            String activityId,
            String direction,
            Long durationSeconds,
            Boolean answered,
            String phoneNumber,
            String recordingUrl,
            String subject,
            String fromAddress,
            String toAddress,
            String title,
            Long durationMinutes,
            String notes,
            String text,
            Instant dueAt,
            Instant previousDueAt,
            String externalId,
            List<TranscriptMatch> transcriptMatches) {

        /** A call; its dictionary matches, when it has any, in the transcript's order (as many as a call records). */
        static Activity call(String callId, String direction, long durationSeconds, boolean answered,
                             String phoneNumber, String recordingUrl, String externalId,
                             List<dev.salespipeline.api.deal.TranscriptMatch> matches) {
            return new Activity("CALL", callId, direction, durationSeconds, answered, phoneNumber, recordingUrl,
                    null, null, null, null, null, null, null, null, null, externalId,
                    matches.isEmpty() ? null : matches.stream()
                            .limit(dev.salespipeline.api.deal.TranscriptMatch.MAX_PER_CALL)
                            .map(TranscriptMatch::of)
                            .toList());
        }

        static Activity email(String emailId, String direction, String subject, String fromAddress,
                              String toAddress, String externalId) {
            return new Activity("EMAIL", emailId, direction, null, null, null, null, subject, fromAddress,
                    toAddress, null, null, null, null, null, null, externalId, null);
        }

        static Activity meeting(String meetingId, String title, long durationMinutes, String notes) {
            return new Activity("MEETING", meetingId, null, null, null, null, null, null, null, null, title,
                    durationMinutes, notes, null, null, null, null, null);
        }

        static Activity comment(String commentId, String text) {
            return new Activity("COMMENT", commentId, null, null, null, null, null, null, null, null, null,
                    null, null, text, null, null, null, null);
        }

        static Activity task(String taskId, String title, Instant dueAt, Instant previousDueAt) {
            return new Activity("TASK", taskId, null, null, null, null, null, null, null, null, title,
                    null, null, null, dueAt, previousDueAt, null, null);
        }
    }
}
