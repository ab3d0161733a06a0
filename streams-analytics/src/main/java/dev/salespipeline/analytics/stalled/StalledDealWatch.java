package dev.salespipeline.analytics.stalled;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import dev.salespipeline.analytics.deal.DealInPipeline;
import dev.salespipeline.analytics.deal.DealStatus;
import dev.salespipeline.analytics.serde.JsonSerde;
import dev.salespipeline.api.alerts.StalledDealAlert;

/**
 * Keeps every open deal with the limits that apply to it (store {@code watchedStore}) and each deal's latest
 * activity (store {@code activityStore}), raises an alert when a deal passes a limit and clears it when the
 * deal no longer does.
 *
 * <p><b>Raised by the clock, cleared by events.</b> A limit is passed by time going by, not by an event, so
 * alerts are raised by a punctuation on wall-clock time that scans the open deals. An alert ends with an
 * event (a stage move, an activity, a win or loss, a changed limit), so every change of a deal is checked at
 * once and clears or restates its alert; it never raises one, which keeps a replay from raising alerts for
 * every state a deal has passed through (see {@link #catchUpLag}).
 *
 * <p><b>Two clocks.</b> A deal's times are business time (when it entered its stage, its latest activity);
 * "now" is the wall clock of the machine: the processing context's system time, so that tests can drive it.
 */
final class StalledDealWatch implements ProcessorSupplier<String, StallSignal, String, StalledDealAlert> {

    private final String watchedStore;
    private final String activityStore;
    private final Duration scanInterval;
    private final Duration catchUpLag;

    /**
     * @param scanInterval how often the open deals are scanned for limits passed
     * @param catchUpLag   how long after being recorded an event may be read before the input counts as
     *                     catching up (a replay, a restart after an outage): while it does, and for one scan
     *                     interval after, no alert is raised, since the deals' states are not yet current
     */
    StalledDealWatch(String watchedStore, String activityStore, Duration scanInterval, Duration catchUpLag) {
        this.watchedStore = watchedStore;
        this.activityStore = activityStore;
        this.scanInterval = Objects.requireNonNull(scanInterval, "scanInterval");
        this.catchUpLag = Objects.requireNonNull(catchUpLag, "catchUpLag");
        if (scanInterval.isNegative() || scanInterval.isZero()) {
            throw new IllegalArgumentException("scanInterval must be positive: " + scanInterval);
        }
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(watchedStore), Serdes.String(),
                        JsonSerde.of(WatchedDeal.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(activityStore), Serdes.String(),
                        JsonSerde.of(Instant.class)).withCachingEnabled());
    }

    @Override
    public Processor<String, StallSignal, String, StalledDealAlert> get() {
        return new Watch();
    }

    private final class Watch implements Processor<String, StallSignal, String, StalledDealAlert> {

        private ProcessorContext<String, StalledDealAlert> context;
        private KeyValueStore<String, WatchedDeal> watched;
        private KeyValueStore<String, Instant> activity;
        /** Wall-clock time at which an event that had waited longer than the catch-up lag was last read. */
        private Instant lastBehindAt;

        @Override
        public void init(ProcessorContext<String, StalledDealAlert> context) {
            this.context = context;
            this.watched = context.getStateStore(watchedStore);
            this.activity = context.getStateStore(activityStore);
            context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME,
                    timestamp -> scan(Instant.ofEpochMilli(timestamp)));
        }

        @Override
        public void process(Record<String, StallSignal> record) {
            StallSignal signal = record.value();
            if (record.key() == null || signal == null) {
                return;
            }
            Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
            if (signal.dealChange()) {
                dealChanged(record.key(), signal.deal(), now);
                return;
            }
            if (signal.recordedAt() != null && Duration.between(signal.recordedAt(), now).compareTo(catchUpLag) > 0) {
                lastBehindAt = now;
            }
            if (signal.activityAt() != null) {
                activityLogged(record.key(), signal.activityAt(), now);
            }
        }

        private void dealChanged(String dealId, DealInPipeline deal, Instant now) {
            WatchedDeal before = watched.get(dealId);
            if (deal == null || deal.deal().status() != DealStatus.OPEN) {
                if (before != null) {
                    if (before.alert() != null) {
                        send(before.alert().cleared(now), now);
                    }
                    watched.delete(dealId);
                }
                return;
            }
            recheck(before, WatchedDeal.of(deal, activity.get(dealId), before == null ? null : before.alert()), now);
        }

        private void activityLogged(String dealId, Instant at, Instant now) {
            Instant latest = activity.get(dealId);
            if (latest != null && !at.isAfter(latest)) {
                return;
            }
            activity.put(dealId, at);
            WatchedDeal before = watched.get(dealId);
            if (before != null) {
                recheck(before, before.withLastActivityAt(at), now);
            }
        }

        /** Clears or restates the deal's alert after a change, and keeps the deal as it is now. */
        private void recheck(WatchedDeal before, WatchedDeal after, Instant now) {
            WatchedDeal kept = after;
            if (after.alert() != null) {
                Optional<StalledDealAlert> standing = after.alertStillStanding(now);
                if (standing.isEmpty()) {
                    send(after.alert().cleared(now), now);
                    kept = after.withAlert(null);
                } else if (!standing.get().equals(after.alert())) {
                    send(standing.get(), now);
                    kept = after.withAlert(standing.get());
                }
            }
            if (!kept.equals(before)) {
                watched.put(kept.dealId(), kept);
            }
        }

        private void scan(Instant now) {
            if (lastBehindAt != null && Duration.between(lastBehindAt, now).compareTo(scanInterval) < 0) {
                return;
            }
            List<WatchedDeal> stalled = new ArrayList<>();
            try (KeyValueIterator<String, WatchedDeal> deals = watched.all()) {
                while (deals.hasNext()) {
                    KeyValue<String, WatchedDeal> entry = deals.next();
                    WatchedDeal deal = entry.value;
                    if (deal.alert() == null) {
                        deal.stallAt(now).ifPresent(stall -> stalled.add(deal.withAlert(deal.alertFor(stall, now))));
                    }
                }
            }
            // written after the scan, not while iterating over the store
            for (WatchedDeal deal : stalled) {
                watched.put(deal.dealId(), deal);
                send(deal.alert(), now);
            }
        }

        private void send(StalledDealAlert alert, Instant now) {
            context.forward(new Record<>(alert.dealId(), alert, now.toEpochMilli()));
        }
    }
}
