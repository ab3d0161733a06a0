package dev.salespipeline.command.activity.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityReport;
import dev.salespipeline.api.deal.Direction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an {@link ActivityReport} from the bytes an outside system sent, checking each field and naming
 * the first one at fault. Unknown fields are ignored, so systems may send more than we read.
 */
public final class ActivityReports {

    /** How far ahead of our clock a reported time may be, for systems whose clocks run a little fast. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** For fields the report's document does not bound further, such as an enumeration's or a time's text. */
    private static final int MAX_ID_LENGTH = Bounds.EXTERNAL_ID_LENGTH;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Clock clock;

    public ActivityReports(Clock clock) {
        this.clock = clock;
    }

    /**
     * @throws RejectedReport if the bytes are not a complete, valid report
     */
    public ActivityReport read(byte[] body) {
        JsonNode root;
        try {
            root = body == null ? null : JSON.readTree(body);
        } catch (JacksonException e) {
            throw new RejectedReport(RejectedReport.MALFORMED_JSON, "the report is not valid JSON: "
                    + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new RejectedReport(RejectedReport.MALFORMED_JSON, "the report must be a JSON object");
        }
        Fields fields = new Fields(root);
        String sourceSystem = fields.requiredText("sourceSystem", MAX_ID_LENGTH);
        String externalId = fields.requiredText("externalId", MAX_ID_LENGTH);
        ActivityKind kind = fields.requiredEnum("kind", ActivityKind.class);
        Direction direction = fields.requiredEnum("direction", Direction.class);
        Instant occurredAt = fields.requiredInstant("occurredAt");
        if (!Bounds.isWithinYears(occurredAt)) {
            throw new RejectedReport(RejectedReport.INVALID_FIELD, "occurredAt must lie in the years " + Bounds.MIN_YEAR
                    + " to " + Bounds.MAX_YEAR + ": " + occurredAt);
        }
        if (occurredAt.isAfter(clock.instant().plus(CLOCK_SKEW))) {
            throw new RejectedReport(RejectedReport.FUTURE_TIMESTAMP,
                    "occurredAt " + occurredAt + " lies in the future");
        }
        String dealId = fields.optionalText("dealId", Bounds.ID_LENGTH);
        String ownerId = fields.optionalText("ownerId", Bounds.ID_LENGTH);
        if (kind == ActivityKind.CALL) {
            Long duration = fields.requiredLong("durationSeconds");
            if (duration < 0) {
                throw new RejectedReport(RejectedReport.INVALID_FIELD, "durationSeconds must not be negative");
            }
            if (duration > Bounds.MAX_CALL_SECONDS) {
                throw new RejectedReport(RejectedReport.INVALID_FIELD, "durationSeconds must be at most "
                        + Bounds.MAX_CALL_SECONDS);
            }
            Boolean answered = fields.optionalBoolean("answered");
            String phone = dealId == null ? fields.requiredText("phoneNumber", Bounds.PHONE_LENGTH)
                    : fields.optionalText("phoneNumber", Bounds.PHONE_LENGTH);
            return new ActivityReport(sourceSystem, externalId, kind, direction, occurredAt, duration,
                    answered != null ? answered : duration > 0, phone,
                    fields.optionalText("recordingUrl", Bounds.TEXT_LENGTH),
                    fields.optionalText("transcript", Bounds.TRANSCRIPT_LENGTH), null, null, null, dealId, ownerId);
        }
        // The client's address is the sender of an inbound email and the recipient of an outbound one.
        String clientSide = direction == Direction.INBOUND ? "fromAddress" : "toAddress";
        String ourSide = direction == Direction.INBOUND ? "toAddress" : "fromAddress";
        String clientAddress = dealId == null ? fields.requiredText(clientSide, Bounds.EMAIL_LENGTH)
                : fields.optionalText(clientSide, Bounds.EMAIL_LENGTH);
        String ourAddress = fields.optionalText(ourSide, Bounds.EMAIL_LENGTH);
        String from = direction == Direction.INBOUND ? clientAddress : ourAddress;
        String to = direction == Direction.INBOUND ? ourAddress : clientAddress;
        return new ActivityReport(sourceSystem, externalId, kind, direction, occurredAt, null, null, null, null, null,
                fields.optionalText("subject", Bounds.TEXT_LENGTH), from, to, dealId, ownerId);
    }

    private record Fields(JsonNode root) {

        String requiredText(String name, int maxLength) {
            String value = optionalText(name, maxLength);
            if (value == null) {
                throw new RejectedReport(RejectedReport.MISSING_FIELD, name + " is required");
            }
            return value;
        }

        String optionalText(String name, int maxLength) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isString()) {
                throw new RejectedReport(RejectedReport.INVALID_FIELD, name + " must be a string");
            }
            String value = node.asString().strip();
            if (value.isEmpty()) {
                return null;
            }
            if (value.length() > maxLength) {
                throw new RejectedReport(RejectedReport.INVALID_FIELD,
                        name + " is longer than " + maxLength + " characters");
            }
            return value;
        }

        <E extends Enum<E>> E requiredEnum(String name, Class<E> type) {
            String value = requiredText(name, MAX_ID_LENGTH);
            try {
                return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new RejectedReport(RejectedReport.UNKNOWN_VALUE, name + " '" + value + "' is not one of "
                        + Arrays.toString(type.getEnumConstants()));
            }
        }

        Instant requiredInstant(String name) {
            String value = requiredText(name, MAX_ID_LENGTH);
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw new RejectedReport(RejectedReport.INVALID_FIELD,
                        name + " '" + value + "' is not an ISO-8601 instant such as 2026-11-16T09:30:00Z");
            }
        }

        Long requiredLong(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                throw new RejectedReport(RejectedReport.MISSING_FIELD, name + " is required");
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new RejectedReport(RejectedReport.INVALID_FIELD, name + " must be a whole number");
            }
            return node.asLong();
        }

        Boolean optionalBoolean(String name) {
            JsonNode node = root.get(name);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isBoolean()) {
                throw new RejectedReport(RejectedReport.INVALID_FIELD, name + " must be true or false");
            }
            return node.asBoolean();
        }
    }
}
