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
     * @throws ErrorResponseException  503 if no stream can be opened now
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

    private static ErrorResponseException unavailable(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setTitle("Service unavailable");
        return new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, null);
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
