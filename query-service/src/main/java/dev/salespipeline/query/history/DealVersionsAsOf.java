package dev.salespipeline.query.history;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.board.DealSums;
import dev.salespipeline.query.history.projection.DealVersion;
import dev.salespipeline.query.history.projection.TimeBuckets;
import dev.salespipeline.security.Actor;

/**
 * Deals as they stood at past instants, from their {@link DealVersion}s, each read through a key of its business
 * time ({@link TimeBuckets}), so that a read costs what its answer holds, not what the pipeline's history does:
 * the board at an instant reads the versions open then (and those that began or ended that day), the change report
 * the versions that began within its span and the one before each deal's first of them.
 *
 * <p>Criteria are one flat document, without a top-level {@code $and}, and name the keyed field and no other
 * indexed one, so that the embedded server, which uses the first index able to answer, takes the keyed one.
 */
@Component
class DealVersionsAsOf {

    /** At most this many ids in one {@code $in}. */
    static final int CHUNK = 500;

    /** What the board and the change report show of a version, and what orders a deal's versions. */
    private static final String[] ANSWERED = {"dealId", "sequence", "validFrom", "pipelineId", "stageId",
            "stageEnteredAt", "status", "title", "company", "ownerId", "amount", "probabilityOverride",
            "expectedCloseDate", "validUntil", "previous"};

    private final MongoTemplate mongo;
    private final Visibility visibility;

    DealVersionsAsOf(MongoTemplate mongo, Visibility visibility) {
        this.mongo = mongo;
        this.visibility = visibility;
    }

    /**
     * What the board as of an instant needs of a deal open then to count it, add it up and order its column; the rest
     * of a card is read for the cards of the page only.
     *
     * @param versionId the version's id, by which the card's version is read
     */
    record OpenDeal(String versionId, String dealId, String ownerId, String stageId, Instant stageEnteredAt,
                    Money amount, Integer probabilityOverride, Instant validFrom, long sequence) {

        static OpenDeal of(Document version) {
            Document amount = version.get("amount", Document.class);
            Number override = (Number) version.get("probabilityOverride");
            return new OpenDeal(version.getString("_id"), version.getString("dealId"), version.getString("ownerId"),
                    version.getString("stageId"), DealVersionsAsOf.instant(version, "stageEnteredAt"),
                    amount == null ? null : new Money(DealSums.decimal(amount.get("amount")),
                            amount.getString("currency")),
                    override == null ? null : override.intValue(), DealVersionsAsOf.instant(version, "validFrom"),
                    ((Number) version.get("sequence")).longValue());
        }

        boolean before(OpenDeal other) {
            int byTime = validFrom.compareTo(other.validFrom);
            return byTime < 0 || byTime == 0 && sequence < other.sequence;
        }
    }

    private static final String[] OPEN_DEAL = {"dealId", "ownerId", "pipelineId", "stageId", "stageEnteredAt",
            "amount", "probabilityOverride", "validFrom", "sequence"};

    /** Each deal open in the pipeline at {@code at}, as it stood then, by deal id. */
    Map<String, OpenDeal> openAt(String pipelineId, Instant at) {
        Instant t = at.truncatedTo(ChronoUnit.MILLIS);
        Criteria criteria = TimeBuckets.covers(t)
                ? where("openAt").in(TimeBuckets.containing(pipelineId, t))
                : where("pipelineId").is(pipelineId);
        criteria = criteria.and("validFrom").lte(t).and("validUntil").gt(t).and("status").is(DealVersion.OPEN);
        Query query = Query.query(criteria);
        query.fields().include(OPEN_DEAL);
        Map<String, OpenDeal> open = new HashMap<>();
        for (Document version : mongo.find(query, Document.class, DealVersion.COLLECTION)) {
            if (pipelineId.equals(version.getString("pipelineId"))) {
                // Two versions of a deal read while a batch was being written: the later one.
                open.merge(version.getString("dealId"), OpenDeal.of(version), (a, b) -> a.before(b) ? b : a);
            }
        }
        return open;
    }

    /**
     * The deals that changed in a pipeline within a span and were in it at the span's end.
     *
     * @param atTo   by deal id, the deal as it stood at the end
     * @param firsts by deal id, the deal's earliest version in the pipeline within the span
     */
    record Changed(Map<String, DealVersion> atTo, Map<String, DealVersion> firsts) {
    }

    /**
     * The deals that changed in the pipeline after {@code from} and up to {@code to} and were in it at {@code to}.
     * A deal without a version in the pipeline that began in between stood at {@code to} as at {@code from}, or was
     * not in the pipeline at {@code to}.
     */
    Changed changedIn(String pipelineId, Instant from, Instant to) {
        Instant start = from.truncatedTo(ChronoUnit.MILLIS);
        Instant end = to.truncatedTo(ChronoUnit.MILLIS);
        Criteria criteria = TimeBuckets.covers(start) && TimeBuckets.covers(end)
                ? where("changedOn").in(TimeBuckets.changedBetween(pipelineId, start, end))
                : where("pipelineId").is(pipelineId);
        criteria = criteria.and("validFrom").gt(start).lte(end);
        Map<String, DealVersion> earliest = new HashMap<>();
        Map<String, DealVersion> atTo = new TreeMap<>();
        for (DealVersion version : find(criteria)) {
            if (!pipelineId.equals(version.pipelineId())) {
                continue;
            }
            if (version.validUntil() != null && version.validUntil().isAfter(end)) {
                keepLatest(atTo, version);
            }
            earliest.merge(version.dealId(), version, (a, b) -> before(a, b) ? a : b);
        }
        // A deal whose every version in the pipeline ended by "to" had left it: there is no line for it.
        earliest.keySet().retainAll(atTo.keySet());
        return new Changed(atTo, earliest);
    }

    /**
     * Each of the deals as it stood at {@code at}, given a version of each that began after {@code at}: the versions
     * before them in business time, read by id, going back until one began at or before {@code at}. A deal not yet
     * opened then is missing.
     */
    Map<String, DealVersion> before(Collection<DealVersion> later, Instant at) {
        Instant t = at.truncatedTo(ChronoUnit.MILLIS);
        Map<String, DealVersion> found = new HashMap<>();
        List<DealVersion> pending = new ArrayList<>(later);
        while (!pending.isEmpty()) {
            List<String> ids = new ArrayList<>();
            for (DealVersion version : pending) {
                if (version.previous() != null) {
                    ids.add(DealVersion.idOf(version.dealId(), version.previous()));
                }
            }
            pending = new ArrayList<>();
            for (DealVersion version : byIds(ids)) {
                if (version.validFrom().isAfter(t)) {
                    pending.add(version);
                } else if (version.isOpened()) {
                    found.put(version.dealId(), version);
                }
            }
        }
        return found;
    }

    /**
     * Those of the deals the caller may see, by who holds them now: by id for a few, through the holders' indexes for
     * many ({@link Visibility#readableDeals}), so that no query names more than {@link Visibility#BY_ID} ids.
     */
    Set<String> readable(Actor actor, Collection<String> dealIds) {
        return visibility.readableDeals(actor, dealIds);
    }

    /** The versions with these ids, read in bounded chunks. */
    List<DealVersion> byIds(List<String> ids) {
        List<DealVersion> found = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            Query query = Query.query(where("_id").in(ids.subList(i, Math.min(ids.size(), i + CHUNK))));
            query.fields().include(ANSWERED).include("teamId");
            mongo.find(query, Document.class, DealVersion.COLLECTION).forEach(stored -> found.add(read(stored)));
        }
        return found;
    }

    private List<DealVersion> find(Criteria criteria) {
        Query query = Query.query(criteria);
        // Named rather than left out: a server copies only these, not the version's keys and change.
        query.fields().include(ANSWERED);
        return mongo.find(query, Document.class, DealVersion.COLLECTION).stream().map(this::read).toList();
    }

    /**
     * A version as the history reads answer from it, read from its stored fields by hand: thousands are read for one
     * answer, and the general mapping of a stored document to a record costs several times this. Its keys, change
     * and amount as a number are left out, as {@link #ANSWERED} leaves them out of the query.
     */
    private DealVersion read(Document stored) {
        Document amount = stored.get("amount", Document.class);
        Number override = (Number) stored.get("probabilityOverride");
        Number previous = (Number) stored.get("previous");
        Date closeDate = stored.getDate("expectedCloseDate");
        return new DealVersion(stored.getString("_id"), stored.getString("dealId"),
                ((Number) stored.get("sequence")).longValue(), instant(stored, "validFrom"),
                stored.getString("pipelineId"), stored.getString("stageId"), instant(stored, "stageEnteredAt"),
                stored.getString("status"), stored.getString("title"), stored.getString("company"),
                stored.getString("ownerId"), stored.getString("teamId"),
                amount == null ? null : new Money(DealSums.decimal(amount.get("amount")), amount.getString("currency")),
                null, override == null ? null : override.intValue(),
                closeDate == null ? null : mongo.getConverter().getConversionService().convert(closeDate,
                        LocalDate.class),
                instant(stored, "validUntil"), previous == null ? null : previous.longValue(), null, null, null);
    }

    private static Instant instant(Document stored, String field) {
        Date date = stored.getDate(field);
        return date == null ? null : date.toInstant();
    }

    /** Keeps the later of two versions of a deal read while a batch was being written: one answer per deal. */
    private static void keepLatest(Map<String, DealVersion> versions, DealVersion version) {
        versions.merge(version.dealId(), version, (a, b) -> before(a, b) ? b : a);
    }

    private static boolean before(DealVersion a, DealVersion b) {
        int byTime = a.validFrom().compareTo(b.validFrom());
        return byTime < 0 || byTime == 0 && a.sequence() < b.sequence();
    }
}
