package dev.salespipeline.command.deal.command;

import dev.salespipeline.command.axon.BoundedCache;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.NoCache;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How deals are loaded: from a snapshot once their history is long, and from a cache of recently
 * used deals. A deal that lives for months collects hundreds of calls, emails and moves; without a
 * snapshot every command would replay all of them.
 *
 * <p>The cache keeps the {@code pipeline.deals.cache-size} most recently used deals (10,000 by default; a
 * deal in memory is a few kilobytes). It assumes commands for one deal reach one instance (route by deal
 * id, as Axon's distributed command bus does); otherwise turn it off with {@code pipeline.deals.cache=false}. A
 * stale cached deal cannot corrupt anything: its next append conflicts in the event store, and the
 * entry is dropped.
 */
@Configuration
class DealRepositoryConfiguration {

    static final String SNAPSHOT_TRIGGER = "dealSnapshotTrigger";
    static final String CACHE = "dealCache";

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition dealSnapshotTrigger(Snapshotter snapshotter,
                                                  @Value("${pipeline.deals.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean(CACHE)
    Cache dealCache(@Value("${pipeline.deals.cache:true}") boolean enabled,
                    @Value("${pipeline.deals.cache-size:10000}") int size) {
        return enabled ? new BoundedCache(size) : NoCache.INSTANCE;
    }
}
