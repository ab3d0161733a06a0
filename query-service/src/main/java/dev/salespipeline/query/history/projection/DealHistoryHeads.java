package dev.salespipeline.query.history.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;

import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * For each deal, where its history stands: the highest sequence its versions took, its latest version in business
 * time, and its latest and previous stage interval, so that projecting an event finds the documents it builds on by
 * id or by a query on the deal alone, instead of by a sorted query over all of the deal's documents.
 *
 * <p>One batch of events reads the heads of its deals once, then what each deal's events need: for a deal whose new
 * events all happened after its latest version, that version (by id, in one query for all such deals); for a deal
 * with a late event, its versions from the earliest late instant on and the one before them (a query per such deal).
 * {@link DealVersionProjection} puts the batch's events into each deal's chain in business time and folds the
 * versions after them again; {@link StageIntervalProjection} reads the state before an entering event from the same
 * chain. A head is written only over an older one ({@code sequence}, the highest sequence it points to, is lower),
 * once per batch, and after the versions and intervals, so it never points to what is not stored.
 *
 * <p>Versions stored by a batch whose heads were not written (a crash between the bulk writes) have sequences above
 * the head's {@code version}; they are not read, since the batch comes again and makes them anew.
 *
 * <p>Derived from the same events as the documents it points to, so a rebuild recreates it.
 */
final class DealHistoryHeads {

    static final String COLLECTION = "deal_history_heads";

    /**
     * @param version          the highest sequence of the deal's versions, or null
     * @param latest           sequence of the deal's latest version in business time, or null
     * @param latestFrom       when that version became valid
     * @param interval         entering sequence of the deal's latest stage interval, or null
     * @param previousInterval entering sequence of the interval before it, or null
     * @param sequence         the highest of {@code version} and {@code interval}: heads only move forward
     */
    @Document(COLLECTION)
    record Head(@Id String dealId, Long version, Long latest, Instant latestFrom, Long interval,
                Long previousInterval, Long sequence) {

        Head {
            sequence = Math.max(version == null ? -1 : version, interval == null ? -1 : interval);
        }
    }

    private final ProjectionBatch batch;
    private final Documents<Head> heads;
    private final Documents<DealVersion> versions;
    private final Documents<StageInterval> intervals;
    /** Each loaded deal's versions in business time, from the one before its earliest new event on. */
    private final Map<String, List<DealVersion>> chains = new HashMap<>();
    private boolean loaded;

    private DealHistoryHeads(ProjectionBatch batch) {
        this.batch = batch;
        this.versions = batch.documents(DealVersion.class, DealVersion::id);
        this.intervals = batch.documents(StageInterval.class, StageInterval::id);
        // Asked for last, so written last: a head must not point to a version or interval that is not stored yet.
        this.heads = batch.documents(Head.class, Head::dealId, "sequence", Head::sequence);
    }

    /** The batch's deal histories, shared by the projections that keep them. */
    static DealHistoryHeads of(ProjectionBatch batch) {
        return batch.state(DealHistoryHeads.class, () -> new DealHistoryHeads(batch));
    }

    /** Reads the heads of the batch's deals, then the versions and intervals their events build on; once per batch. */
    void load(List<EventEnvelope<?>> events) {
        if (loaded) {
            return;
        }
        loaded = true;
        Set<String> deals = new LinkedHashSet<>();
        List<String> entered = new ArrayList<>();
        Map<String, List<EventEnvelope<?>>> versioned = new LinkedHashMap<>();
        for (EventEnvelope<?> envelope : events) {
            if (envelope.payload() instanceof DealEvent event) {
                deals.add(event.dealId());
                if (event instanceof DealOpened || event instanceof DealMovedToStage || event instanceof DealReopened
                        || event instanceof DealTransferred) {
                    entered.add(intervalId(event.dealId(), envelope.aggregateSequence()));
                }
                if (DealVersionProjection.change(event) != null) {
                    versioned.computeIfAbsent(event.dealId(), ignored -> new ArrayList<>()).add(envelope);
                }
            }
        }
        heads.load(deals);
        List<String> intervalIds = new ArrayList<>(entered);
        for (String deal : deals) {
            Head head = heads.get(deal);
            if (head != null) {
                addId(intervalIds, deal, head.interval());
                addId(intervalIds, deal, head.previousInterval());
            }
        }
        List<String> versionIds = new ArrayList<>();
        Map<String, String> anchors = new HashMap<>();
        versioned.forEach((deal, dealEvents) -> {
            String anchor = loadChain(deal, earliestNew(deal, dealEvents));
            if (anchor != null) {
                versionIds.add(anchor);
                anchors.put(deal, anchor);
            }
        });
        versions.load(versionIds);
        intervals.load(intervalIds);
        anchors.forEach((deal, anchor) -> {
            DealVersion version = versions.get(anchor);
            if (version != null) {
                chains.get(deal).add(0, version);
            }
        });
    }

    /** When the earliest of the deal's events not applied yet happened, or null if all are applied. */
    private Instant earliestNew(String dealId, List<EventEnvelope<?>> events) {
        Head head = heads.get(dealId);
        Instant earliest = null;
        for (EventEnvelope<?> envelope : events) {
            Instant at = DealVersion.stored(envelope.occurredAt());
            boolean applied = head != null && head.version() != null
                    && envelope.aggregateSequence() <= head.version();
            if (!applied && (earliest == null || at.isBefore(earliest))) {
                earliest = at;
            }
        }
        return earliest;
    }

    /**
     * Starts the deal's chain for its new events, the earliest of which happened at {@code earliest}: reads the
     * versions they come before, if any, and returns the id of the version the chain begins with, to be read with
     * the others, or null when there is none to read.
     */
    private String loadChain(String dealId, Instant earliest) {
        Head head = heads.get(dealId);
        List<DealVersion> chain = new ArrayList<>();
        chains.put(dealId, chain);
        if (head == null || head.latest() == null || head.version() == null || earliest == null) {
            // A new deal, or every event delivered again: nothing to read.
            return null;
        }
        if (!earliest.isBefore(head.latestFrom())) {
            return DealVersion.idOf(dealId, head.latest());
        }
        // A late event: the versions from its instant on are folded again, from the one before them.
        List<DealVersion> after = new ArrayList<>(versions.loadWhere(where("dealId").is(dealId)
                .and("validFrom").gte(earliest).and("sequence").lte(head.version()), List.of()));
        after.sort((a, b) -> a.before(b) ? -1 : b.before(a) ? 1 : 0);
        chain.addAll(after);
        if (after.isEmpty()) {
            return null;
        }
        Long previous = after.get(0).previous();
        if (previous == null) {
            return null;
        }
        if (previous <= head.version()) {
            return DealVersion.idOf(dealId, previous);
        }
        // Written by a batch that did not finish: find the one before by time instead.
        DealVersion before = batch.findOne(Query.query(where("dealId").is(dealId)
                        .and("validFrom").lt(earliest).and("sequence").lte(head.version()))
                .with(Sort.by(Sort.Order.desc("validFrom"), Sort.Order.desc("sequence"))).limit(1),
                DealVersion.class);
        if (before != null) {
            chain.add(0, before);
        }
        return null;
    }

    private static void addId(List<String> ids, String dealId, Long sequence) {
        if (sequence != null) {
            ids.add(dealId + ":" + sequence);
        }
    }

    static String intervalId(String dealId, long sequence) {
        return dealId + ":" + sequence;
    }

    Documents<StageInterval> intervals() {
        return intervals;
    }

    /**
     * Puts the version of the deal's event at {@code sequence}, which happened at {@code at}, into the deal's chain
     * where it happened, and folds the versions after it again; nothing if the event has been applied already.
     *
     * @return false when the deal's opening was never seen, so that it has no versions
     */
    boolean addVersion(String dealId, long sequence, Instant at, DealVersion.Change change, boolean opening) {
        Head head = heads.get(dealId);
        if (head != null && head.version() != null && head.version() >= sequence) {
            return true;
        }
        List<DealVersion> chain = chains.get(dealId);
        if (chain == null) {
            // Not among the events the batch was loaded for: load for this event alone.
            String anchor = loadChain(dealId, DealVersion.stored(at));
            chain = chains.get(dealId);
            if (anchor != null && versions.get(anchor) != null) {
                chain.add(0, versions.get(anchor));
            }
        }
        if (chain.isEmpty() && !opening) {
            return false;
        }
        chain.removeIf(version -> version.sequence() == sequence);
        Instant validFrom = DealVersion.stored(at);
        int position = 0;
        while (position < chain.size() && DealVersion.before(chain.get(position).validFrom(),
                chain.get(position).sequence(), validFrom, sequence)) {
            position++;
        }
        DealVersion before = position > 0 ? chain.get(position - 1) : null;
        DealVersion next = position < chain.size() ? chain.get(position) : null;
        DealVersion added = DealVersion.of(dealId, sequence, at, change, before,
                next == null ? TimeBuckets.END : next.validFrom());
        chain.add(position, added);
        versions.put(added);
        if (before != null) {
            DealVersion shortened = before.until(validFrom);
            chain.set(position - 1, shortened);
            versions.put(shortened);
        }
        DealVersion previous = added;
        for (int i = position + 1; i < chain.size(); i++) {
            DealVersion stored = chain.get(i);
            DealVersion folded = stored.refold(previous, stored.validUntil());
            if (folded.equals(stored)) {
                // Each version depends only on the one before it: the rest stands as it is.
                break;
            }
            chain.set(i, folded);
            versions.put(folded);
            previous = folded;
        }
        DealVersion latest = chain.get(chain.size() - 1);
        heads.put(head == null ? new Head(dealId, sequence, latest.sequence(), latest.validFrom(), null, null, null)
                : new Head(dealId, sequence, latest.sequence(), latest.validFrom(), head.interval(),
                head.previousInterval(), null));
        return true;
    }

    /**
     * The deal's state just before its event at {@code sequence}, which happened at {@code at}: its latest version
     * in business time before the event, or null if there is none.
     */
    DealVersion versionBefore(String dealId, long sequence, Instant at) {
        Instant validFrom = DealVersion.stored(at);
        List<DealVersion> chain = chains.get(dealId);
        if (chain != null && !chain.isEmpty()) {
            DealVersion before = null;
            for (DealVersion version : chain) {
                if (version.sequence() != sequence
                        && DealVersion.before(version.validFrom(), version.sequence(), validFrom, sequence)) {
                    before = version;
                }
            }
            if (before != null || chain.get(0).previous() == null) {
                return before;
            }
        }
        // An event delivered again, or a deal without heads: ask the collection.
        return batch.findOne(Query.query(where("dealId").is(dealId).and("validFrom").lte(validFrom)
                        .and("sequence").lt(sequence))
                .with(Sort.by(Sort.Order.desc("validFrom"), Sort.Order.desc("sequence"))).limit(1),
                DealVersion.class);
    }

    /** The deal's latest stage interval entered before {@code sequence}, or null if there is none. */
    StageInterval intervalBefore(String dealId, long sequence) {
        Head head = heads.get(dealId);
        Long known = head == null || head.interval() == null ? null
                : before(sequence, head.interval(), head.previousInterval());
        if (known != null) {
            return known < 0 ? null : intervals.get(intervalId(dealId, known));
        }
        return batch.findOne(Query.query(where("dealId").is(dealId).and("enteredSequence").lt(sequence))
                .with(Sort.by(Sort.Direction.DESC, "enteredSequence")).limit(1), StageInterval.class);
    }

    void intervalEntered(String dealId, long sequence) {
        Head head = heads.get(dealId);
        if (head != null && head.interval() != null && head.interval() >= sequence) {
            return;
        }
        heads.put(head == null ? new Head(dealId, null, null, null, sequence, null, null)
                : new Head(dealId, head.version(), head.latest(), head.latestFrom(), sequence, head.interval(), null));
    }

    private static Long before(long sequence, long latest, Long previous) {
        if (latest < sequence) {
            return latest;
        }
        if (latest == sequence) {
            return previous == null ? -1L : previous;
        }
        return null;
    }
}
