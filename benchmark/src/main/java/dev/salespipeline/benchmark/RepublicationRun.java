package dev.salespipeline.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.salespipeline.benchmark.TopicReader.Arrival;
import tools.jackson.databind.JsonNode;

/**
 * Has command-service publish its whole event store again ({@code POST /admin/republication}) and times the records
 * as they arrive, until every event of the store has arrived once more. Meanwhile the progress endpoint is polled, to
 * see when the service itself considers the republication done.
 *
 * <p>Run it while nothing else writes events: every record that arrives after the start is taken to be one of the
 * republication's.
 */
final class RepublicationRun {

    private static final String PATH = "admin/republication";
    private static final Duration PROGRESS_INTERVAL = Duration.ofMillis(100);

    private final Rest rest;
    private final Caller admin;
    private final TopicReader reader;

    RepublicationRun(Rest rest, Caller admin, TopicReader reader) {
        this.rest = rest;
        this.admin = admin;
        this.reader = reader;
    }

    /**
     * Starts the republication and waits for it: until every event of the store has arrived again and the progress
     * endpoint says it is done, or the timeout has passed.
     *
     * @param store what the topic held before: how many events, up to which store position
     */
    Result run(TopicReader.Contents store, Duration timeout) throws InterruptedException {
        Tally tally = new Tally(reader.size(), store.events());
        long start = System.nanoTime();
        Instant startedAt = Instant.now();
        long deadline = start + timeout.toNanos();
        Rest.Response started = rest.send(admin, "POST", PATH, null, 202);
        ProgressPoller poller = new ProgressPoller(start, deadline, store.lastPosition());
        poller.samples.add(ProgressSample.of(started, start));
        Thread polling = new Thread(poller, "republication-progress");
        polling.setDaemon(true);
        polling.start();
        try {
            reader.await(tally::complete, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            polling.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        } finally {
            polling.interrupt();
        }
        polling.join();
        if (poller.failure != null) {
            throw poller.failure;
        }
        tally.complete(); // counts what arrived after the timeout too

        boolean complete = tally.completedNanos >= 0;
        Double seconds = complete ? (tally.completedNanos - start) / 1e9 : null;
        Double endpointSeconds = poller.doneNanos < 0 ? null : (poller.doneNanos - start) / 1e9;
        Double createdSeconds = !complete || tally.lastCreateTimeMillis < 0 ? null
                : Duration.between(startedAt, Instant.ofEpochMilli(tally.lastCreateTimeMillis)).toNanos() / 1e9;
        return new Result(store.events(), store.lastPosition(), tally.received, tally.ids.size(), complete,
                tally.firstNanos < 0 ? null : (tally.firstNanos - start) / 1e6,
                seconds,
                seconds == null ? null : store.events() / seconds,
                createdSeconds,
                createdSeconds == null ? null : store.events() / createdSeconds,
                endpointSeconds,
                endpointSeconds == null ? null : store.events() / endpointSeconds,
                List.copyOf(poller.samples));
    }

    /**
     * Asks the progress endpoint every {@link #PROGRESS_INTERVAL} (or as soon as the previous answer came, if it took
     * longer) until it says the republication is done: not republishing, and at or past the store's last position.
     * The start's own answer does not count: it may come before the publisher has claimed its segments again, when
     * the endpoint cannot tell yet.
     */
    private final class ProgressPoller implements Runnable {

        private final long startNanos;
        private final long deadlineNanos;
        private final long lastPosition;
        private final List<ProgressSample> samples = new CopyOnWriteArrayList<>();
        private volatile long doneNanos = -1;
        private volatile RuntimeException failure;

        ProgressPoller(long startNanos, long deadlineNanos, long lastPosition) {
            this.startNanos = startNanos;
            this.deadlineNanos = deadlineNanos;
            this.lastPosition = lastPosition;
        }

        @Override
        public void run() {
            try {
                long next = System.nanoTime();
                while (next < deadlineNanos) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                    next += PROGRESS_INTERVAL.toNanos();
                    Rest.Response answer = rest.send(admin, "GET", PATH, null, 200);
                    ProgressSample sample = ProgressSample.of(answer, startNanos);
                    samples.add(sample);
                    if (!sample.republishing() && sample.position() >= lastPosition) {
                        doneNanos = answer.receivedNanos();
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // the run is over
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) {
                    failure = e;
                }
            }
        }
    }

    /** Counts the different events among the records that arrived since the start, as they come. */
    private final class Tally {

        private final long expected;
        private final Set<String> ids = new HashSet<>();
        private int cursor;
        private int received;
        private long firstNanos = -1;
        private long completedNanos = -1;
        private long lastCreateTimeMillis = -1;

        Tally(int cursor, long expected) {
            this.cursor = cursor;
            this.expected = expected;
        }

        boolean complete() {
            if (completedNanos >= 0) {
                return true;
            }
            List<Arrival> arrivals = reader.arrivals(cursor);
            cursor += arrivals.size();
            for (Arrival arrival : arrivals) {
                received++;
                if (firstNanos < 0) {
                    firstNanos = arrival.receivedNanos();
                }
                lastCreateTimeMillis = Math.max(lastCreateTimeMillis, arrival.createTimeMillis());
                if (ids.add(arrival.eventId()) && ids.size() >= expected) {
                    completedNanos = arrival.receivedNanos();
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * An answer of the progress endpoint.
     *
     * @param millis        since the republication was asked for, when the answer had been read
     * @param republishing  whether the service says it is still republishing
     * @param position      the store position published up to
     * @param until         where the service says the republication ends
     */
    record ProgressSample(double millis, boolean republishing, long position, long until) {

        static ProgressSample of(Rest.Response response, long startNanos) {
            JsonNode body = response.body();
            if (body == null || body.get("republishing") == null) {
                throw new IllegalStateException("unexpected answer of the progress endpoint: " + body);
            }
            return new ProgressSample((response.receivedNanos() - startNanos) / 1e6,
                    body.get("republishing").asBoolean(), body.path("position").asLong(-1),
                    body.path("until").asLong(-1));
        }
    }

    /**
     * How the republication went.
     *
     * @param storeEvents              events in the store: the different events on the topic before it began
     * @param lastPosition             the highest store position among them
     * @param received                 records that arrived from the start until every event had arrived again
     * @param distinct                 different events among them
     * @param complete                 whether every event of the store arrived again before the timeout
     * @param firstRecordMillis        from asking for the republication to the first record's arrival
     * @param seconds                  from asking for it to the arrival of the last missing event
     * @param recordsPerSecond         store events per second over that time
     * @param createdSeconds           from asking for it to the latest CreateTime among those records: when the
     *                                 producer was handed the last of them, by the wall clock (1 ms resolution)
     * @param createdPerSecond         store events per second over that time
     * @param endpointSeconds          from asking for it to the first answer of the progress endpoint that says it
     *                                 is done (asked every 100 ms), or null if none did before the timeout
     * @param endpointEventsPerSecond  store events per second over that time
     * @param progress                 the answers of the progress endpoint, the start's included
     */
    record Result(long storeEvents, long lastPosition, int received, int distinct, boolean complete,
                  Double firstRecordMillis, Double seconds, Double recordsPerSecond, Double createdSeconds,
                  Double createdPerSecond, Double endpointSeconds, Double endpointEventsPerSecond,
                  List<ProgressSample> progress) {
    }
}
