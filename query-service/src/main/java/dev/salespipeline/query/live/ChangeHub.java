package dev.salespipeline.query.live;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fans the changes the broadcast consumer reads out to the open streams, and knows how far it has read:
 * for each partition, the offset of the last record seen. A stream registers here and from then on is
 * offered every change after the position it is given, so that nothing falls between its catching up
 * and its live part. Also sends the streams' heartbeats.
 */
@Component
class ChangeHub implements DisposableBean {

    /** No stream can be opened now: too many are open, or the broadcast consumer has not started yet. */
    static final class UnavailableException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UnavailableException(String message) {
            super(message);
        }
    }

    /** The user has as many streams open as one user may. */
    static final class TooManyStreamsException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyStreamsException(String message) {
            super(message);
        }
    }

    /** Guarded by this. */
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** Added under this' lock, so that registering and publishing exclude each other; removed without it. */
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final int maxConnections;
    private final int maxConnectionsPerUser;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    ChangeHub(LiveProperties properties) {
        this.maxConnections = properties.maxConnections();
        this.maxConnectionsPerUser = properties.maxConnectionsPerUser();
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleAtFixedRate(() -> subscriptions.forEach(Subscription::heartbeat), every, every,
                TimeUnit.MILLISECONDS);
    }

    /** Where the broadcast consumer starts: the last offset of each partition, -1 for an empty one. */
    synchronized void assigned(Map<TopicPartition, Long> lastOffsets) {
        positions.putAll(lastOffsets);
    }

    /** This instance's position in the given topics, or null while it does not know all their partitions. */
    synchronized Map<TopicPartition, Long> positionIn(List<String> topics) {
        Map<TopicPartition, Long> position = new HashMap<>();
        for (String topic : topics) {
            int before = position.size();
            positions.forEach((partition, offset) -> {
                if (partition.topic().equals(topic)) {
                    position.put(partition, offset);
                }
            });
            if (position.size() == before) {
                return null;
            }
        }
        return position;
    }

    /**
     * Offers the subscription every change after the returned position in its channel's topics.
     *
     * @throws UnavailableException     if this instance serves as many streams as it may, or does not read the
     *                                  channel's topics yet
     * @throws TooManyStreamsException if the channel's user has as many streams open here as one user may
     */
    synchronized Map<TopicPartition, Long> register(Subscription subscription) {
        if (subscriptions.size() >= maxConnections) {
            throw new UnavailableException("This instance serves " + maxConnections
                    + " live streams already; try again shortly.");
        }
        String user = subscription.channel().user();
        long own = subscriptions.stream()
                .filter(open -> !open.isClosed() && open.channel().user().equals(user))
                .count();
        if (own >= maxConnectionsPerUser) {
            throw new TooManyStreamsException(user + " has " + own + " live streams open, as many as one user may ("
                    + maxConnectionsPerUser + "); close one, or share one stream between the views of a page.");
        }
        Map<TopicPartition, Long> position = positionIn(subscription.channel().topics());
        if (position == null) {
            throw new UnavailableException("Live changes are not available yet; try again shortly.");
        }
        subscriptions.add(subscription);
        return position;
    }

    void unregister(Subscription subscription) {
        subscriptions.remove(subscription);
    }

    int open() {
        return subscriptions.size();
    }

    boolean interested() {
        return !subscriptions.isEmpty();
    }

    /**
     * A record read by the broadcast consumer.
     *
     * @param change the change it makes, or null if it makes none anybody gets
     */
    synchronized void publish(TopicPartition partition, long offset, LiveChange change) {
        positions.put(partition, offset);
        if (change == null) {
            return;
        }
        Map<TopicPartition, Long> vector = null;
        for (Subscription subscription : subscriptions) {
            LiveChange shown = subscription.channel().view(change);
            if (shown != null) {
                if (vector == null) {
                    vector = Map.copyOf(positions);
                }
                subscription.offer(shown, vector);
            }
        }
    }

    /** Ends every open stream; clients reconnect and resume. */
    void closeAll() {
        subscriptions.forEach(Subscription::close);
    }

    @Override
    public void destroy() {
        heartbeats.shutdownNow();
        closeAll();
    }
}
