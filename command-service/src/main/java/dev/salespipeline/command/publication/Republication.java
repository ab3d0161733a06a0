package dev.salespipeline.command.publication;

import java.lang.management.ManagementFactory;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Publishes the event store again, from the start or from a position, for consumers that rebuild their state from
 * the topic. Consumers deduplicate, so the copies this creates are harmless.
 *
 * <p>Resetting the publisher's tokens needs the claim on every segment, and the command-service instances share the
 * segments, so a request goes through the database ({@code publication_resets}) rather than one instance's memory.
 * Every instance looks at the table every {@code pipeline.publication.reset-poll-interval}: while a request waits,
 * it stops its publisher, which gives up its claims, and tries the reset. The first instance that can claim every
 * segment resets the tokens and marks the request done in one transaction (an instance that was killed holds its
 * claims until they expire); then every instance starts publishing again, from the reset position. A request no
 * instance could carry out within {@code pipeline.publication.reset-timeout} (an instance that does not take part,
 * a database that is away) is abandoned and the publishers go on from where they were: publication never stays
 * stopped.
 */
@Component
class Republication implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Republication.class);

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final TransactionManager transactions;
    private final TokenStore tokens;
    private final Serializer serializer;
    private final Duration pollInterval;
    private final Duration timeout;
    private final String nodeId;
    /** The request this instance stopped its publisher for, or null while it publishes. */
    private volatile Long pausedFor;
    private ScheduledExecutorService scheduler;

    Republication(EventProcessingConfiguration processing, EventStore events, JdbcTemplate jdbc,
                  TransactionManager transactions, TokenStore tokens, @Qualifier("serializer") Serializer serializer,
                  @Value("${pipeline.publication.reset-poll-interval:1s}") Duration pollInterval,
                  @Value("${pipeline.publication.reset-timeout:2m}") Duration timeout,
                  @Value("${pipeline.axon.node-id:}") String nodeId) {
        if (pollInterval.toMillis() < 50 || timeout.compareTo(pollInterval.multipliedBy(3)) < 0) {
            throw new IllegalArgumentException("pipeline.publication.reset-poll-interval must be at least 50 ms and "
                    + "pipeline.publication.reset-timeout at least three of them: " + pollInterval + ", " + timeout);
        }
        this.processing = processing;
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tokens = tokens;
        this.serializer = serializer;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.nodeId = nodeId.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : nodeId;
    }

    /**
     * Asks every instance to publish again from {@code fromPosition} (inclusive), or from the first event when null,
     * and takes this instance's part at once.
     *
     * @throws ResponseStatusException 409 while an earlier request still waits for the publishers
     */
    synchronized Progress start(Long fromPosition) {
        long from = fromPosition == null || fromPosition <= 0 ? 0 : fromPosition;
        long until = position(events.createHeadToken());
        Request waiting = waiting();
        if (waiting != null) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "A republication from position "
                    + waiting.from() + " requested at " + waiting.requestedAt() + " is waiting for the publishers of "
                    + "every instance to stop; follow it with GET /admin/republication.");
        }
        jdbc.update("insert into publication_resets (from_position, until_position, requested_at) "
                + "values (?, ?, now())", from, until);
        step();
        return progress();
    }

    /**
     * One look at the table: stops this instance's publisher and tries the reset while a request waits, abandons one
     * that waited too long, and starts the publisher again once none waits.
     */
    synchronized void step() {
        TrackingEventProcessor publisher = publisher();
        Request waiting = waiting();
        if (waiting != null && waiting.requestedAt().plus(timeout).isBefore(Instant.now())) {
            int abandoned = jdbc.update("update publication_resets set abandoned_at = now() "
                    + "where id = ? and reset_at is null and abandoned_at is null", waiting.id());
            if (abandoned == 1) {
                log.warn("Republication {} abandoned: not every segment of the publisher could be claimed within {} "
                        + "(an instance that does not stop its publisher?); publishing goes on from where it was",
                        waiting.id(), timeout);
            }
            waiting = null;
        }
        if (waiting != null) {
            if (pausedFor == null) {
                log.info("Republication {} from position {}: stopping this instance's publisher", waiting.id(),
                        waiting.from());
                // marked first, so that health never sees the publisher stopped without the reason
                pausedFor = waiting.id();
                publisher.shutDown();
            }
            if (!tryReset(publisher, waiting)) {
                return;
            }
        }
        if (pausedFor != null) {
            publisher.start();
            pausedFor = null;
        }
    }

    /**
     * The republication this instance's publisher is stopped for, or null while it publishes: a stop on purpose,
     * for a second or two and never longer than {@code pipeline.publication.reset-timeout}.
     */
    Long pausedFor() {
        return pausedFor;
    }

    /** Resets the tokens for {@code request} unless another instance did; false while a segment is claimed elsewhere. */
    private boolean tryReset(TrackingEventProcessor publisher, Request request) {
        try {
            transactions.executeInTransaction(() -> {
                int mine = jdbc.update("update publication_resets set reset_at = now(), reset_by = ? "
                        + "where id = ? and reset_at is null and abandoned_at is null", nodeId, request.id());
                if (mine == 0) {
                    return;
                }
                if (request.from() == 0) {
                    publisher.resetTokens();
                } else {
                    publisher.resetTokens(GapAwareTrackingToken.newInstance(request.from() - 1,
                            Collections.emptySortedSet()));
                }
                // the reset claimed every segment for this instance: let whichever instance is free take them
                for (int segment : tokens.fetchSegments(publisher.getName())) {
                    tokens.releaseClaim(publisher.getName(), segment);
                }
                log.info("Republication {}: the publisher's tokens are reset to position {}", request.id(),
                        request.from());
            });
            return true;
        } catch (UnableToClaimTokenException e) {
            log.debug("Republication {}: a segment is still claimed by another instance", request.id(), e);
            return false;
        }
    }

    /**
     * Where the latest republication stands, over every instance: it waits until the tokens are reset, then is over
     * once every segment of the publisher has passed the store position that was the newest when it was asked for.
     * A segment not processed since the reset has no position yet (-1), and the republication counts as going on.
     */
    Progress progress() {
        long position = storedPosition();
        List<Request> latest = jdbc.query("select id, from_position, until_position, requested_at, reset_at, "
                + "abandoned_at from publication_resets order by id desc limit 1", (row, i) -> new Request(
                row.getLong("id"), row.getLong("from_position"), row.getLong("until_position"),
                row.getTimestamp("requested_at").toInstant(), instant(row.getTimestamp("reset_at")),
                instant(row.getTimestamp("abandoned_at"))));
        if (latest.isEmpty()) {
            return new Progress(false, Phase.NONE, position, position, null);
        }
        Request request = latest.get(0);
        Phase phase = request.abandonedAt() != null ? Phase.ABANDONED
                : request.resetAt() == null ? Phase.WAITING_FOR_PUBLISHERS
                : position < request.until() ? Phase.REPUBLISHING : Phase.DONE;
        boolean going = phase == Phase.WAITING_FOR_PUBLISHERS || phase == Phase.REPUBLISHING;
        return new Progress(going, phase, position, request.until(), request.from());
    }

    /** The lowest position the publisher's segments have stored, whichever instance holds them; -1 if one has none. */
    private long storedPosition() {
        List<Long> positions = jdbc.query("select token, tokentype from tokenentry where processorname = ?",
                (row, i) -> {
                    byte[] token = row.getBytes("token");
                    String type = row.getString("tokentype");
                    if (token == null || type == null) {
                        return -1L;
                    }
                    TrackingToken tracking = serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, type, null));
                    return position(tracking);
                }, publisher().getName());
        return positions.stream().mapToLong(Long::longValue).min().orElse(-1);
    }

    private Request waiting() {
        List<Request> waiting = jdbc.query("select id, from_position, until_position, requested_at "
                + "from publication_resets where reset_at is null and abandoned_at is null order by id limit 1",
                (row, i) -> new Request(row.getLong("id"), row.getLong("from_position"), row.getLong("until_position"),
                        row.getTimestamp("requested_at").toInstant(), null, null));
        return waiting.isEmpty() ? null : waiting.get(0);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private TrackingEventProcessor publisher() {
        return processing.eventProcessor(KafkaEventPublisher.PROCESSING_GROUP, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("the Kafka publisher is not configured"));
    }

    private void stepQuietly() {
        try {
            step();
        } catch (RuntimeException e) {
            // the database is away: the publisher stays as it is, and the next look tries again
            log.warn("Could not look for republication requests: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "republication");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::stepQuietly, pollInterval.toMillis(), pollInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = scheduler;
            scheduler = null;
        }
        if (running != null) {
            running.shutdownNow();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    private record Request(long id, long from, long until, Instant requestedAt, Instant resetAt,
                           Instant abandonedAt) {
    }

    /** Where a republication stands. */
    enum Phase {
        /** None was asked for. */
        NONE,
        /** Asked for: the instances are stopping their publishers so that the tokens can be reset. */
        WAITING_FOR_PUBLISHERS,
        /** The tokens are reset: events published before are being sent again. */
        REPUBLISHING,
        /** Everything published before the request has been sent again. */
        DONE,
        /** Not every segment could be claimed in time: nothing was reset, publishing went on from where it was. */
        ABANDONED
    }

    /**
     * @param republishing whether the latest republication is still going on (waiting or republishing)
     * @param phase        where it stands
     * @param position     the store position every segment of the publisher has passed (-1: not known yet)
     * @param until        the newest store position when it was asked for: it is done past this
     * @param from         where it begins, or null if none was asked for
     */
    record Progress(boolean republishing, Phase phase, long position, long until, Long from) {
    }
}
