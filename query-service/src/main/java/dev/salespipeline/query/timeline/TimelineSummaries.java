package dev.salespipeline.query.timeline;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.salespipeline.query.timeline.projection.TimelineEntry;
import dev.salespipeline.query.timeline.projection.TimelineEntry.Activity;
import dev.salespipeline.query.timeline.projection.TimelineEntry.Change;

/**
 * The one-line text of a timeline entry, such as "Moved from Lead to Qualified" or "Call inbound, 95 s,
 * answered". Written when read, because it names stages, whose names may have changed since.
 */
final class TimelineSummaries {

    private static final int COMMENT_LENGTH = 80;

    private TimelineSummaries() {
    }

    static String of(TimelineEntry entry, StageNames names) {
        String stage = names.stage(entry.pipelineId(), entry.stageId());
        Activity activity = entry.activity();
        switch (entry.type()) {
            case "DealOpened":
                return "Opened in " + stage;
            case "DealMovedToStage":
                return "Moved from " + names.stage(entry.pipelineId(), from(entry, TimelineEntry.STAGE)) + " to " + stage;
            case "DealWon":
                return "Won in " + stage;
            case "DealLost":
                return "Lost in " + stage + ": " + to(entry, "lostReason");
            case "DealReopened":
                return "Reopened in " + stage;
            case "DealTransferred":
                return "Transferred from " + names.pipeline(entry.previousPipelineId()) + " / "
                        + names.stage(entry.previousPipelineId(), from(entry, TimelineEntry.STAGE)) + " to "
                        + names.pipeline(entry.pipelineId()) + " / " + stage;
            case "DealAmountChanged":
                return changed("Amount", change(entry, "amount"), "");
            case "ExpectedCloseDateChanged":
                return changed("Expected close date", change(entry, "expectedCloseDate"), "");
            case "ProbabilityOverridden":
                return probability(change(entry, "probabilityOverride"));
            case "DealHandedOver":
                return "Handed over from " + from(entry, "owner") + " to " + to(entry, "owner")
                        + (entry.note() == null ? "" : ": " + entry.note());
            case "DealDetailsEdited":
                return entry.changes().isEmpty() ? "Details saved unchanged"
                        : "Details edited: " + entry.changes().stream().map(Change::field)
                        .collect(Collectors.joining(", "));
            case "TaskScheduled":
                return "Task scheduled: " + title(activity) + ", due " + activity.dueAt();
            case "TaskRescheduled":
                return "Task rescheduled: " + title(activity) + ", due " + activity.dueAt() + " instead of "
                        + activity.previousDueAt();
            case "TaskCompleted":
                return "Task completed: " + title(activity);
            case "TaskCancelled":
                return "Task cancelled: " + title(activity);
            case "CallLogged":
                return "Call " + lower(activity.direction()) + ", " + activity.durationSeconds() + " s, "
                        + (Boolean.TRUE.equals(activity.answered()) ? "answered" : "missed");
            case "EmailLogged":
                return "Email " + lower(activity.direction()) + ": " + subject(activity);
            case "EmailOpened":
                return "Email opened: " + subject(activity);
            case "MeetingLogged":
                return "Meeting: " + activity.title() + ", " + activity.durationMinutes() + " min";
            case "CommentAdded":
                return "Comment: " + shortened(activity.text());
            default:
                return entry.type();
        }
    }

    private static String changed(String what, Optional<Change> change, String unit) {
        if (change.isEmpty()) {
            return what + " unchanged";
        }
        Change value = change.get();
        if (value.from() == null) {
            return what + " set to " + value.to() + unit;
        }
        if (value.to() == null) {
            return what + " cleared (was " + value.from() + unit + ")";
        }
        return what + " changed from " + value.from() + unit + " to " + value.to() + unit;
    }

    private static String probability(Optional<Change> change) {
        if (change.isPresent() && change.get().to() == null) {
            return "Probability back to the stage's default (was " + change.get().from() + " %)";
        }
        return changed("Probability", change, " %");
    }

    private static Optional<Change> change(TimelineEntry entry, String field) {
        return entry.changes().stream().filter(change -> change.field().equals(field)).findFirst();
    }

    private static String from(TimelineEntry entry, String field) {
        return change(entry, field).map(Change::from).orElse(null);
    }

    private static String to(TimelineEntry entry, String field) {
        return change(entry, field).map(Change::to).orElse(null);
    }

    private static String title(Activity task) {
        return task.title() == null ? task.activityId() : task.title();
    }

    private static String subject(Activity email) {
        return email.subject() == null ? "(no subject)" : email.subject();
    }

    private static String lower(String direction) {
        return direction == null ? "" : direction.toLowerCase(Locale.ROOT);
    }

    private static String shortened(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= COMMENT_LENGTH ? line : line.substring(0, COMMENT_LENGTH - 1) + "…";
    }
}
