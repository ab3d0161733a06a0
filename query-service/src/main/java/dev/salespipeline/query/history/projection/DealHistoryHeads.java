package dev.salespipeline.query.history.projection;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
 * For each deal, the sequence numbers of its latest and previous deal version and stage interval, so that
 * projecting an event finds the document it builds on by id instead of by a sorted query over all of the
 * deal's documents (which a store without secondary indexes answers by scanning the collection).
 *
 * <p>One batch of events reads the heads of its deals once, then the versions and intervals they point to, in one
 * query per collection; {@link DealVersionProjection} and {@link StageIntervalProjection} fold the batch's events
 * into them in memory, each deal's in order. A head is written only over an older one ({@code sequence}, the highest
 * sequence it points to, is lower), once per batch.
 *
 * <p>Derived from the same events as the documents it points to, so a rebuild recreates it.
 */
final class DealHistoryHeads {

    static final String COLLECTION = "deal_history_heads";

    /**
     * @param version          sequence of the deal's latest version, or null
     * @param previousVersion  sequence of the version before it, or null
     * @param interval         entering sequence of the deal's latest stage interval, or null
     * @param previousInterval entering sequence of the interval before it, or null
     * @param sequence         the highest of {@code version} and {@code interval}: heads only move forward
     */
    @Document(COLLECTION)
    record Head(@Id String dealId, Long version, Long previousVersion, Long interval, Long previousInterval,
                Long sequence) {

        Head {
            sequence = Math.max(version == null ? -1 : version, interval == null ? -1 : interval);
        }
    }

    private final ProjectionBatch batch;
    private final Documents<Head> heads;
    private final Documents<DealVersion> versions;
    private final Documents<StageInterval> intervals;
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

    /** Reads the heads of the batch's deals, then the versions and intervals they point to; once per batch. */
    void load(List<EventEnvelope<?>> events) {
        if (loaded) {
            return;
        }
        loaded = true;
        Set<String> deals = new LinkedHashSet<>();
        List<String> entered = new ArrayList<>();
        for (EventEnvelope<?> envelope : events) {
            if (envelope.payload() instanceof DealEvent event) {
                deals.add(event.dealId());
                if (event instanceof DealOpened || event instanceof DealMovedToStage || event instanceof DealReopened
                        || event instanceof DealTransferred) {
                    entered.add(intervalId(event.dealId(), envelope.aggregateSequence()));
                }
            }
        }
        heads.load(deals);
        List<String> versionIds = new ArrayList<>();
        List<String> intervalIds = new ArrayList<>(entered);
        for (String deal : deals) {
            Head head = heads.get(deal);
            if (head == null) {
                continue;
            }
            addId(versionIds, deal, head.version());
            addId(versionIds, deal, head.previousVersion());
            addId(intervalIds, deal, head.interval());
            addId(intervalIds, deal, head.previousInterval());
        }
        versions.load(versionIds);
        intervals.load(intervalIds);
    }

    private static void addId(List<String> ids, String dealId, Long sequence) {
        if (sequence != null) {
            ids.add(dealId + ":" + sequence);
        }
    }

    static String intervalId(String dealId, long sequence) {
        return dealId + ":" + sequence;
    }

    Documents<DealVersion> versions() {
        return versions;
    }

    Documents<StageInterval> intervals() {
        return intervals;
    }

    /** The deal's latest version before its event at {@code sequence}, or null if there is none. */
    DealVersion versionBefore(String dealId, long sequence) {
        Head head = heads.get(dealId);
        Long known = head == null || head.version() == null ? null
                : before(sequence, head.version(), head.previousVersion());
        if (known != null) {
            return known < 0 ? null : versions.get(DealVersion.idOf(dealId, known));
        }
        // An event older than the previous version, delivered again, or a deal without heads: ask the collection.
        return batch.findOne(Query.query(where("dealId").is(dealId).and("sequence").lt(sequence))
                .with(Sort.by(Sort.Direction.DESC, "sequence")).limit(1), DealVersion.class);
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

    void versionSaved(String dealId, long sequence) {
        Head head = heads.get(dealId);
        if (head != null && head.version() != null && head.version() >= sequence) {
            return;
        }
        heads.put(head == null ? new Head(dealId, sequence, null, null, null, null)
                : new Head(dealId, sequence, head.version(), head.interval(), head.previousInterval(), null));
    }

    void intervalEntered(String dealId, long sequence) {
        Head head = heads.get(dealId);
        if (head != null && head.interval() != null && head.interval() >= sequence) {
            return;
        }
        heads.put(head == null ? new Head(dealId, null, null, sequence, null, null)
                : new Head(dealId, head.version(), head.previousVersion(), sequence, head.interval(), null));
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
