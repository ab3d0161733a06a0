package dev.salespipeline.query.live;

import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.salespipeline.query.web.InvalidRequestException;

/**
 * Opens streams: registers each with the hub, replays what a reconnecting client missed, then lets the
 * hub's live changes through.
 */
@Component
class LiveStreams implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LiveStreams.class);
    private static final long RECONNECT_MILLIS = 3_000;

    private final ChangeHub hub;
    private final Replayer replayer;
    private final LiveProperties properties;
    private final ExecutorService senders;
    private final ExecutorService replays;

    LiveStreams(ChangeHub hub, Replayer replayer, LiveProperties properties) {
        this.hub = hub;
        this.replayer = replayer;
        this.properties = properties;
        this.senders = Executors.newFixedThreadPool(properties.senderThreads(), named("live-sender-"));
        this.replays = Executors.newFixedThreadPool(properties.replayThreads(), named("live-replay-"));
    }

    /**
     * @param lastEventId the id of the last change the client got, or null for a new stream
     * @throws InvalidRequestException if {@code lastEventId} is not a position in the channel's topics
     * @throws ErrorResponseException  409 if {@code lastEventId} is further behind than a stream replays, 429 if
     *                                 the caller has as many streams open as one user may, 503 if no stream can
     *                                 be opened now
     */
    SseEmitter open(Channel channel, String lastEventId) {
        Map<TopicPartition, Long> current = hub.positionIn(channel.topics());
        if (current == null) {
            throw unavailable("Live changes are not available yet; try again shortly.");
        }
        Map<TopicPartition, Long> from = null;
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = Positions.parse(lastEventId, current.keySet());
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("Last-Event-ID is not a position of this stream: " + e.getMessage());
            }
            long behind = behind(from, current);
            if (behind > properties.maxReplay()) {
                throw tooFarBehind(behind);
            }
        }
        SseEmitter emitter = new SseEmitter(properties.timeout().toMillis());
        Subscription subscription = new Subscription(channel, emitter, senders, properties.maxQueued(),
                hub::unregister);
        if (from != null) {
            subscription.startAt(from);
        }
        Map<TopicPartition, Long> upTo;
        try {
            upTo = hub.register(subscription);
        } catch (ChangeHub.UnavailableException e) {
            throw unavailable(e.getMessage());
        } catch (ChangeHub.TooManyStreamsException e) {
            throw problem(HttpStatus.TOO_MANY_REQUESTS, "Too many streams", e.getMessage());
        }
        subscription.hello(RECONNECT_MILLIS);
        if (from == null) {
            subscription.caughtUp(upTo);
        } else {
            Map<TopicPartition, Long> missedFrom = from;
            replays.execute(() -> {
                try {
                    replayer.replay(subscription, missedFrom, upTo);
                    subscription.caughtUp(upTo);
                } catch (Exception e) {
                    log.warn("Replaying missed changes failed; closing the stream", e);
                    subscription.close();
                }
            });
        }
        return emitter;
    }

    /** How many records of the stream's topics lie after {@code from} and up to {@code current}. */
    private static long behind(Map<TopicPartition, Long> from, Map<TopicPartition, Long> current) {
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> partition : current.entrySet()) {
            behind += Math.max(0, partition.getValue() - from.getOrDefault(partition.getKey(), -1L));
        }
        return behind;
    }

    private ErrorResponseException tooFarBehind(long behind) {
        ErrorResponseException problem = problem(HttpStatus.CONFLICT, "Too far behind to resume",
                "Last-Event-ID is " + behind + " changes behind, more than the " + properties.maxReplay()
                        + " a stream replays. Reload what the view shows over REST (the board, the deal, the metric "
                        + "values), then open the stream again without Last-Event-ID.");
        problem.getBody().setProperty("behind", behind);
        problem.getBody().setProperty("maxReplay", properties.maxReplay());
        return problem;
    }

    private static ErrorResponseException unavailable(String detail) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", detail);
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, null);
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void destroy() {
        replays.shutdownNow();
        senders.shutdownNow();
    }
}
