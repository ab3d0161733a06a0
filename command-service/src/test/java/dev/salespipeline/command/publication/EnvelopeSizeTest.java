package dev.salespipeline.command.publication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ReceiveActivity;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.LogCall;
import dev.salespipeline.api.deal.LogMeeting;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.envelope.MetadataKeys;
import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.api.pipeline.DefinePipeline;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The largest event any command can produce, every text at its bound and every character one that JSON
 * escapes to six bytes, fits in one Kafka record under the producer's {@code max.request.size}: so the bounds
 * of {@link Bounds} keep the publisher from meeting an event that Kafka refuses, which it would retry forever.
 */
class EnvelopeSizeTest {

    /** The producer's limit: the publisher leaves Kafka's default (1 MiB). */
    private static final int MAX_REQUEST_SIZE = (Integer) ProducerConfig.configDef().defaultValues()
            .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
    /** Record batch and record headers, with room to spare. */
    private static final int RECORD_OVERHEAD = 1_024;
    private static final Instant AT = Instant.parse("2026-11-16T09:00:00Z");

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theLargestReportedCallFitsOneRecord() {
        ReceiveActivity receive = new ReceiveActivity(id(), worst(Bounds.EXTERNAL_ID_LENGTH),
                worst(Bounds.EXTERNAL_ID_LENGTH), ActivityKind.CALL, Direction.INBOUND, AT, Bounds.MAX_CALL_SECONDS,
                true, worst(Bounds.PHONE_LENGTH), worst(Bounds.TEXT_LENGTH), worst(Bounds.TRANSCRIPT_LENGTH),
                worst(Bounds.TEXT_LENGTH), worst(Bounds.EMAIL_LENGTH), worst(Bounds.EMAIL_LENGTH), id(), id(),
                ActivityMatch.DEAL_ID);

        assertFits(receive.received());
    }

    @Test
    void theLargestLoggedCallAndMeetingFitOneRecord() {
        LogCall call = new LogCall(id(), id(), Direction.OUTBOUND, AT, Bounds.MAX_CALL_SECONDS, true,
                worst(Bounds.PHONE_LENGTH), worst(Bounds.TEXT_LENGTH), worst(Bounds.TRANSCRIPT_LENGTH),
                worst(Bounds.EXTERNAL_ID_LENGTH));
        LogMeeting meeting = new LogMeeting(id(), id(), worst(Bounds.TITLE_LENGTH), AT, Bounds.MAX_MEETING_MINUTES,
                worst(Bounds.NOTE_LENGTH));

        assertFits(new CallLogged(call.dealId(), call.callId(), call.direction(), call.occurredAt(),
                call.durationSeconds(), call.answered(), call.phoneNumber(), call.recordingUrl(), call.transcript(),
                call.externalId()));
        assertFits(new MeetingLogged(meeting.dealId(), meeting.meetingId(), meeting.title(), meeting.occurredAt(),
                meeting.durationMinutes(), meeting.notes()));
    }

    @Test
    void theLargestPipelineAndDealDetailsFitOneRecord() {
        StageDefinition stage = new StageDefinition(id(), worst(Bounds.NAME_LENGTH), 100, Bounds.MAX_LIMIT,
                EnumSet.allOf(DealField.class));
        DefinePipeline define = new DefinePipeline(id(), worst(Bounds.NAME_LENGTH),
                Collections.nCopies(Bounds.MAX_STAGES, stage), Bounds.MAX_LIMIT,
                Collections.nCopies(Bounds.MAX_LOST_REASONS, worst(Bounds.NAME_LENGTH)), AT);
        DealDetails details = new DealDetails(worst(Bounds.TITLE_LENGTH), new ClientInfo(worst(Bounds.TITLE_LENGTH),
                worst(Bounds.TITLE_LENGTH), worst(Bounds.TITLE_LENGTH), worst(Bounds.PHONE_LENGTH),
                worst(Bounds.EMAIL_LENGTH), worst(Bounds.NAME_LENGTH)), worst(Bounds.NAME_LENGTH),
                worst(Bounds.TITLE_LENGTH));

        assertFits(new PipelineDefined(define.pipelineId(), define.name(), define.stages(), define.idleLimit(),
                define.lostReasons(), define.occurredAt()));
        assertFits(new DealDetailsEdited(id(), details, details, AT));
    }

    private void assertFits(DomainEvent event) {
        // An actor's name is bounded by the container's header limit (8 KiB), a correlation id by the edge (200).
        MetaData metaData = MetaData.from(Map.of(MetadataKeys.ACTOR, worst(8 * 1024 / 6),
                MetadataKeys.SOURCE, "webhook", MetadataKeys.CORRELATION_ID, worst(200)));
        GenericDomainEventMessage<DomainEvent> message = new GenericDomainEventMessage<>(
                event.getClass().getName(), event.aggregateId(), Long.MAX_VALUE, event, metaData);
        String document = json.writeValueAsString(EnvelopeFactory.from(message, null));
        int size = document.getBytes(StandardCharsets.UTF_8).length
                + event.aggregateId().getBytes(StandardCharsets.UTF_8).length;

        assertThat(document).as("every character escaped").contains("\\u0001\\u0001");
        assertThat(size).as(event.getClass().getSimpleName()).isLessThan(MAX_REQUEST_SIZE - RECORD_OVERHEAD);
    }

    private static String id() {
        return "i".repeat(Bounds.ID_LENGTH);
    }

    /** A text of this length whose every character takes six bytes in JSON. */
    private static String worst(int length) {
        return "\u0001".repeat(length);
    }
}
