package dev.salespipeline.query.live;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.kafka.common.TopicPartition;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream. It starts catching up: live changes the hub offers are held back while missed
 * ones are replayed from Kafka; then the held-back ones follow and later ones go straight out. Each
 * change goes out once, in order per partition: one whose offset is at or below the stream's position
 * in its partition is dropped. The position after each change is its SSE id.
 *
 * <p>Changes are written by a sender thread, never by the thread that offers them, so that a slow
 * client holds up nobody else; one that falls too far behind is closed and resumes from Kafka.
 */
final class Subscription {

    private record Held(LiveChange change, Map<TopicPartition, Long> vector) {
    }

    private final Channel channel;
    private final SseEmitter emitter;
    private final Executor sender;
    private final int maxQueued;
    private final Consumer<Subscription> onClose;

    /** Guarded by this: the offset of the last change included, per partition of the channel's topics. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** Guarded by this: live changes held back while catching up; null once caught up. */
    private List<Held> held = new ArrayList<>();

    private final Queue<SseEmitter.SseEventBuilder> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    Subscription(Channel channel, SseEmitter emitter, Executor sender, int maxQueued, Consumer<Subscription> onClose) {
        this.channel = channel;
        this.emitter = emitter;
        this.sender = sender;
        this.maxQueued = maxQueued;
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onError(error -> close());
        emitter.onTimeout(this::close);
    }

    Channel channel() {
        return channel;
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Where a resuming client left off; before any change is offered. */
    synchronized void startAt(Map<TopicPartition, Long> position) {
        positions.putAll(position);
    }

    /** A live change from the hub, with the hub's position after it. */
    synchronized void offer(LiveChange change, Map<TopicPartition, Long> vector) {
        if (held != null) {
            held.add(new Held(change, vector));
            if (held.size() > maxQueued) {
                close();
            }
            return;
        }
        deliver(change, vector);
    }

    /** A missed change, with the replay's position after it. */
    synchronized void replayed(LiveChange change, Map<TopicPartition, Long> vector) {
        deliver(change, vector);
    }

    /** Everything up to {@code upTo} has been delivered: the held-back changes follow, then live ones. */
    synchronized void caughtUp(Map<TopicPartition, Long> upTo) {
        upTo.forEach((partition, offset) -> positions.merge(partition, offset, Math::max));
        List<Held> waiting = held;
        held = null;
        waiting.forEach(h -> deliver(h.change(), h.vector()));
    }

    void heartbeat() {
        enqueue(SseEmitter.event().comment(""));
    }

    void hello(long reconnectMillis) {
        enqueue(SseEmitter.event().comment("connected").reconnectTime(reconnectMillis));
    }

    private void deliver(LiveChange change, Map<TopicPartition, Long> vector) {
        long seen = positions.getOrDefault(change.partition(), -1L);
        if (change.offset() <= seen) {
            return;
        }
        // Partitions the change's position has passed hold nothing more for this client up to there.
        vector.forEach((partition, offset) -> positions.computeIfPresent(partition, (p, own) -> Math.max(own, offset)));
        positions.put(change.partition(), change.offset());
        enqueue(SseEmitter.event()
                .id(Positions.format(positions))
                .name(change.event())
                .data(change.data(), MediaType.APPLICATION_JSON));
    }

    private void enqueue(SseEmitter.SseEventBuilder event) {
        if (closed.get()) {
            return;
        }
        if (queued.incrementAndGet() > maxQueued) {
            close();
            return;
        }
        outbox.add(event);
        schedule();
    }

    private void schedule() {
        if (sending.compareAndSet(false, true)) {
            sender.execute(this::send);
        }
    }

    private void send() {
        try {
            SseEmitter.SseEventBuilder event;
            while ((event = outbox.poll()) != null) {
                queued.decrementAndGet();
                emitter.send(event);
            }
        } catch (IOException | IllegalStateException gone) {
            close();
        } finally {
            sending.set(false);
        }
        if (!outbox.isEmpty() && !closed.get()) {
            schedule();
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            outbox.clear();
            onClose.accept(this);
            try {
                emitter.complete();
            } catch (IllegalStateException alreadyDone) {
                // Completed by the container: the client went away or the stream timed out.
            }
        }
    }
}
