package dev.salespipeline.query.live;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.salespipeline.query.deal.DealCardQuery;
import dev.salespipeline.query.metrics.MetricTopics;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

@RestController
@Tag(name = "Live", description = """
        Changes as they happen, as Server-Sent Events (text/event-stream). Each event's id is a position in \
        the topics, for example e:0=15,1=9,2=33,3=-1,4=12,5=7 (per partition, the offset of the last record \
        included); a client that reconnects with it as Last-Event-ID gets exactly the changes it missed, then \
        live ones. A notice may arrive before the read models show the change: it carries the change itself. \
        Streams close after a while (30 minutes by default); clients reconnect. A comment every 15 seconds \
        keeps proxies from closing an idle stream. Every change, live or replayed, reaches only callers who may \
        see it. A Last-Event-ID further behind than the replay limit (10000 records by default) is answered 409: \
        reload the state over REST and reconnect without it. A user with as many streams open as allowed \
        (10 by default) is answered 429.""")
class LiveController {

    private static final String LAST_EVENT_ID = "Last-Event-ID";
    private static final String RESUME = "The id of the last event received, to resume right after it";

    private final LiveStreams streams;
    private final DealCardQuery cards;
    private final JsonMapper json;

    LiveController(LiveStreams streams, DealCardQuery cards, JsonMapper json) {
        this.streams = streams;
        this.cards = cards;
        this.json = json;
    }

    @GetMapping(path = "/live/pipelines/{pipelineId}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Changes to a pipeline's board",
            description = "Every event of the pipeline's deals that the caller may see, and the events that "
                    + "change the pipeline's definition. Event name: the event type (DealMovedToStage...); data: "
                    + "the event envelope (eventId, type, aggregateId, aggregateSequence, occurredAt, actor, "
                    + "payload). The notice may reach the client before the board read model shows the change; "
                    + "it carries the change itself.")
    SseEmitter pipeline(@PathVariable String pipelineId, @Parameter(hidden = true) Actor actor,
                        @Parameter(description = RESUME) @RequestHeader(name = LAST_EVENT_ID, required = false)
                        String lastEventId,
                        HttpServletResponse response) {
        unbuffered(response);
        return streams.open(Channel.pipeline(pipelineId, actor), lastEventId);
    }

    @GetMapping(path = "/live/deals/{dealId}", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Changes to a deal's timeline",
            description = "Every event of the deal, and of activities attached to it. Event name: the event type; "
                    + "data: the event envelope (eventId, type, aggregateId, aggregateSequence, occurredAt, actor, "
                    + "payload). The notice may reach the client before the deal's read models show the change; "
                    + "it carries the change itself. A deal the caller may not see is answered 404, as when "
                    + "reading it.")
    SseEmitter deal(@PathVariable String dealId, @Parameter(hidden = true) Actor actor,
                    @Parameter(description = RESUME) @RequestHeader(name = LAST_EVENT_ID, required = false)
                    String lastEventId,
                    HttpServletResponse response) {
        if (cards.find(dealId, actor).isEmpty()) {
            throw new NotFoundException("No deal " + dealId);
        }
        unbuffered(response);
        return streams.open(Channel.deal(dealId, actor), lastEventId);
    }

    @GetMapping(path = "/live/metrics", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Metric updates",
            description = "Each new value of a metric as streams-analytics publishes it, of the rows the caller may "
                    + "see and as it may see them, by the rules of GET /metrics/{metric}. Event name: metric; data: "
                    + "{metric, key, value, updatedAt}, with a null value when a value is deleted (deletions reach "
                    + "only streams not narrowed to a pipeline). The notice may reach the client before "
                    + "GET /metrics/{metric} shows the value; it carries the value itself.")
    SseEmitter metrics(@Parameter(hidden = true) Actor actor,
                       @Parameter(description = "Only this metric family, for example opened-deals")
                       @RequestParam(required = false) String metric,
                       @Parameter(description = "Only values of this pipeline") @RequestParam(required = false)
                       String pipelineId,
                       @Parameter(description = RESUME) @RequestHeader(name = LAST_EVENT_ID, required = false)
                       String lastEventId,
                       HttpServletResponse response) {
        if (metric != null && !MetricTopics.isKnown(metric)) {
            throw new NotFoundException("No metric " + metric + "; known are " + MetricTopics.families());
        }
        unbuffered(response);
        return streams.open(Channel.metrics(metric, pipelineId, actor, json), lastEventId);
    }

    @GetMapping(path = "/live/alerts/stalled-deals", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(summary = "Stalled-deal alerts as they are raised and cleared",
            description = "Each alert streams-analytics raises (a deal passed its stage's time limit or its pipeline's "
                    + "idle limit) or clears (it moved or got activity), for the deals the caller may see. Event name: "
                    + "stalled-deal; data: the alert (dealId, pipelineId, stageId, ownerId, teamId, status, reason, "
                    + "since, limit, raisedAt, clearedAt).")
    SseEmitter stalledDeals(@Parameter(hidden = true) Actor actor,
                            @Parameter(description = "Only deals of this pipeline") @RequestParam(required = false)
                            String pipelineId,
                            @Parameter(description = RESUME) @RequestHeader(name = LAST_EVENT_ID, required = false)
                            String lastEventId,
                            HttpServletResponse response) {
        unbuffered(response);
        return streams.open(Channel.stalledDeals(pipelineId, actor), lastEventId);
    }

    /** Tells reverse proxies (nginx) to pass events on at once. */
    private static void unbuffered(HttpServletResponse response) {
        response.setHeader("X-Accel-Buffering", "no");
    }
}
