package dev.salespipeline.query.live;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.live.*}: the Server-Sent Events streams.
 *
 * @param maxConnections streams open at once on this instance; more are refused with 503
 * @param maxConnectionsPerUser streams one user (token subject) may have open at once on this instance; more
 *                       are refused with 429
 * @param maxReplay      the most records a reconnecting client's {@code Last-Event-ID} may be behind, summed over
 *                       the partitions of its stream's topics; further behind is refused with 409 (the client
 *                       reloads over REST and reconnects without it)
 * @param heartbeat      how often an idle stream gets a comment, so that proxies keep it open
 * @param timeout        how long a stream stays open; the client then reconnects and resumes
 * @param maxQueued      changes waiting for a slow client before its stream is closed (it resumes from Kafka)
 * @param senderThreads  threads writing to the clients
 * @param replayThreads  threads replaying missed changes to reconnecting clients
 * @param replayTimeout  how long a replay may take before the stream is closed
 * @param knownDeals     deals whose pipeline and owner are kept in memory
 */
@ConfigurationProperties("pipeline.live")
public record LiveProperties(
        @DefaultValue("1000") int maxConnections,
        @DefaultValue("10") int maxConnectionsPerUser,
        @DefaultValue("10000") long maxReplay,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("30m") Duration timeout,
        @DefaultValue("10000") int maxQueued,
        @DefaultValue("4") int senderThreads,
        @DefaultValue("2") int replayThreads,
        @DefaultValue("60s") Duration replayTimeout,
        @DefaultValue("100000") int knownDeals) {
}
