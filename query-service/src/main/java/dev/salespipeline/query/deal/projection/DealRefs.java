package dev.salespipeline.query.deal.projection;

import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import dev.salespipeline.api.deal.DealEvent;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.query.events.Documents;
import dev.salespipeline.query.events.ProjectionBatch;

/**
 * Which of a deal's events concern each of its tasks and e-mails, and which closed it: the sequences, so that a
 * projection that looks back (a completed task's title comes from the entry that scheduled it; a hand-over changes
 * every task of the deal) reads the documents it needs by id, not every document of the deal (a long deal has
 * hundreds of timeline entries) to pick a few. Kept by {@link DealCardProjection}
 * from every deal event, written once per batch, only over an older document.
 *
 * @param complete whether the document has every event of the deal since its opening; one begun later (the deal
 *                 opened before this document existed) is not, and readers then ask the collections instead
 * @param sequence the sequence of the last event taken
 */
@Document(DealRefs.COLLECTION)
public record DealRefs(@Id String dealId, List<Ref> refs, List<Long> closings, boolean complete, long sequence) {

    public static final String COLLECTION = "deal_refs";
    public static final String TASK = "TASK";
    public static final String EMAIL = "EMAIL";

    public DealRefs {
        refs = refs == null ? List.of() : List.copyOf(refs);
        closings = closings == null ? List.of() : List.copyOf(closings);
    }

    /** The events about one task or e-mail of the deal, by sequence. */
    public record Ref(String kind, String id, List<Long> sequences) {

        public Ref {
            sequences = sequences == null ? List.of() : List.copyOf(sequences);
        }
    }

    /** The batch's documents, written only over older ones. */
    public static Documents<DealRefs> in(ProjectionBatch batch) {
        return batch.documents(DealRefs.class, DealRefs::dealId, "sequence", DealRefs::sequence);
    }

    /** The latest event before {@code before} about the task or e-mail, or null if none is known. */
    public Long latest(String kind, String id, long before) {
        Long latest = null;
        for (Ref ref : refs) {
            if (ref.kind().equals(kind) && ref.id().equals(id)) {
                for (long sequence : ref.sequences()) {
                    if (sequence < before && (latest == null || sequence > latest)) {
                        latest = sequence;
                    }
                }
            }
        }
        return latest;
    }

    /** The latest win or loss before {@code before}, or null. */
    public Long latestClosing(long before) {
        return closings.stream().filter(sequence -> sequence < before).max(Long::compare).orElse(null);
    }

    /** The ids of the deal's tasks or e-mails. */
    public List<String> ids(String kind) {
        return refs.stream().filter(ref -> ref.kind().equals(kind)).map(Ref::id).toList();
    }

    /** The document after the event, or the same one if the event says nothing it keeps or it has seen it. */
    static DealRefs next(DealRefs refs, DealEvent event, long sequence) {
        if (refs != null && refs.sequence() >= sequence) {
            return refs;
        }
        String kind = null;
        String id = null;
        if (event instanceof TaskScheduled e) {
            kind = TASK;
            id = e.taskId();
        } else if (event instanceof TaskRescheduled e) {
            kind = TASK;
            id = e.taskId();
        } else if (event instanceof TaskCompleted e) {
            kind = TASK;
            id = e.taskId();
        } else if (event instanceof TaskCancelled e) {
            kind = TASK;
            id = e.taskId();
        } else if (event instanceof EmailLogged e) {
            kind = EMAIL;
            id = e.emailId();
        } else if (event instanceof EmailOpened e) {
            kind = EMAIL;
            id = e.emailId();
        }
        boolean closing = event instanceof DealWon || event instanceof DealLost;
        if (kind == null && !closing && (refs != null || !(event instanceof DealOpened))) {
            // Nothing it keeps: no write.
            return refs;
        }
        List<Ref> nextRefs = new ArrayList<>(refs == null ? List.of() : refs.refs());
        if (kind != null) {
            boolean found = false;
            for (int i = 0; i < nextRefs.size(); i++) {
                Ref ref = nextRefs.get(i);
                if (ref.kind().equals(kind) && ref.id().equals(id)) {
                    List<Long> sequences = new ArrayList<>(ref.sequences());
                    sequences.add(sequence);
                    nextRefs.set(i, new Ref(kind, id, sequences));
                    found = true;
                }
            }
            if (!found) {
                nextRefs.add(new Ref(kind, id, List.of(sequence)));
            }
        }
        List<Long> closings = new ArrayList<>(refs == null ? List.of() : refs.closings());
        if (closing) {
            closings.add(sequence);
        }
        boolean complete = refs == null ? event instanceof DealOpened : refs.complete();
        return new DealRefs(event.dealId(), nextRefs, closings, complete, sequence);
    }
}
