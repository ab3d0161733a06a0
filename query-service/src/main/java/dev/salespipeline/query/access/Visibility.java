package dev.salespipeline.query.access;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.query.metrics.MetricTopics;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who sees what, for every read of this service: REST answers, live streams and their replays. Each rule is
 * here once, as a predicate for one document and, where lists are read from MongoDB, as the criteria that give
 * the same answer in the query.
 * <ul>
 * <li><b>Deals</b> (cards, timelines, tasks, versions, alerts, live events): admins and viewers every deal, a
 * manager the deals of their team and those they own, a rep those they own. Who holds a deal now decides,
 * not who held it then: the rights move with a hand-over.</li>
 * <li><b>Rows cut by owner</b> (metric values, unmatched activities): the owner, the managers of the owner's
 * team ({@link OwnerTeam}), viewers and admins. A row for all owners, and an activity nobody owns yet, every
 * role that reads.</li>
 * <li><b>Deals inside a row</b> (the payment plan's list): cut to the deals the caller may see, and the row's
 * totals worked out again from what remains. A row of a family whose totals this service cannot work out again
 * is left out for a caller who may not see all its deals.</li>
 * <li><b>Targets</b> (coverage rows, keyed {@code owner:<id>} or {@code team:<id>}): as command-service's
 * {@code GET /targets}: admins and viewers all, a manager those that belong to their team, a rep their own
 * owner targets.</li>
 * <li><b>Money figures of a whole pipeline</b> (acquisition cost: marketing spend and what it cost per deal): as
 * command-service's {@code GET /marketing-spend}: admins, viewers and managers, not reps.</li>
 * </ul>
 */
@Component
public class Visibility {

    /** The metric family of the coverage topic, whose rows follow the target rule. */
    public static final String COVERAGE = MetricTopics.family(Topics.METRICS_COVERAGE);
    /** The metric family of the payment plan, whose totals are worked out again when deals are cut from it. */
    public static final String PAYMENT_PLAN = MetricTopics.family(Topics.METRICS_PAYMENT_PLAN);

    /** The metric family of acquisition cost, a money figure of a whole pipeline that reps do not see. */
    public static final String ACQUISITION_COST = MetricTopics.family(Topics.METRICS_ACQUISITION_COST);

    /** Above this many deals, who may see them is read by holder rather than by deal. */
    public static final int BY_ID = 500;

    private static final String OWNER_ID = "ownerId";
    private static final String TEAM_ID = "teamId";
    private static final String DEAL_ID = "dealId";

    private final MongoTemplate mongo;

    public Visibility(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Whether the caller sees every deal, row and target, so that nothing need be filtered. */
    public static boolean seesEverything(Actor actor) {
        return actor.has(Role.ADMIN) || actor.has(Role.VIEWER);
    }

    /** Whether the caller may see the money figures of a whole pipeline (acquisition cost). */
    public static boolean pipelineMoney(Actor actor) {
        return seesEverything(actor) || actor.has(Role.MANAGER);
    }

    private static boolean reads(Actor actor) {
        return seesEverything(actor) || actor.has(Role.MANAGER) || actor.has(Role.REP);
    }

    // Deals

    /** Whether the caller may see a deal owned by {@code ownerId} in team {@code teamId} (either may be null). */
    public static boolean deal(Actor actor, String ownerId, String teamId) {
        if (seesEverything(actor)) {
            return true;
        }
        if (actor.has(Role.MANAGER) && actor.isInTeam(teamId)) {
            return true;
        }
        return (actor.has(Role.MANAGER) || actor.has(Role.REP)) && actor.id().equals(ownerId);
    }

    /**
     * The criteria that restrict a query of documents carrying a deal's {@code ownerId} and {@code teamId} to
     * the deals the caller may see, as {@link #deal}; empty for no restriction.
     */
    public static Optional<Criteria> dealFilter(Actor actor) {
        if (seesEverything(actor)) {
            return Optional.empty();
        }
        if (!reads(actor)) {
            return Optional.of(nothing());
        }
        Criteria own = where(OWNER_ID).is(actor.id());
        if (actor.has(Role.MANAGER) && actor.team() != null) {
            return Optional.of(new Criteria().orOperator(where(TEAM_ID).is(actor.team()), own));
        }
        return Optional.of(own);
    }

    /** Whether the caller may see the deal, by who holds it now; false for a deal not known here. */
    public boolean mayReadDeal(Actor actor, String dealId) {
        DealAccess access = mongo.findById(dealId, DealAccess.class);
        return access != null && deal(actor, access.ownerId(), access.teamId());
    }

    /**
     * Those of the deals the caller may see, by who holds them now. Up to {@link #BY_ID} deals, their holders are read
     * by id; for more (a board as of a past instant holds every deal open then), the ids of the deals the caller may
     * see are read through the holders' indexes and the deals are kept that are among them.
     */
    public Set<String> readableDeals(Actor actor, Collection<String> dealIds) {
        if (seesEverything(actor)) {
            return Set.copyOf(dealIds);
        }
        if (!reads(actor) || dealIds.isEmpty()) {
            return Set.of();
        }
        if (dealIds.size() > BY_ID) {
            Set<String> mayRead = new HashSet<>();
            List<Criteria> holders = new ArrayList<>(List.of(where(OWNER_ID).is(actor.id())));
            if (actor.has(Role.MANAGER) && actor.team() != null) {
                holders.add(where(TEAM_ID).is(actor.team()));
            }
            for (Criteria held : holders) {
                Query query = Query.query(held);
                query.fields().include("_id");
                for (org.bson.Document access : mongo.find(query, org.bson.Document.class, DealAccess.COLLECTION)) {
                    mayRead.add(access.getString("_id"));
                }
            }
            return dealIds.stream().filter(mayRead::contains).collect(Collectors.toUnmodifiableSet());
        }
        return access(dealIds).values().stream()
                .filter(access -> deal(actor, access.ownerId(), access.teamId()))
                .map(DealAccess::dealId)
                .collect(Collectors.toUnmodifiableSet());
    }

    private Map<String, DealAccess> access(Collection<String> dealIds) {
        if (dealIds.isEmpty()) {
            return Map.of();
        }
        return mongo.find(Query.query(where("_id").in(dealIds)), DealAccess.class).stream()
                .collect(Collectors.toMap(DealAccess::dealId, Function.identity()));
    }

    // Rows cut by owner

    /**
     * Whether the caller may see a row cut by {@code ownerId} (null: a row for all owners, or an activity
     * nobody owns) when the owner is in {@code ownerTeam} (null if not known).
     */
    public static boolean ownerRow(Actor actor, String ownerId, String ownerTeam) {
        if (!reads(actor)) {
            return false;
        }
        if (ownerId == null || seesEverything(actor) || actor.id().equals(ownerId)) {
            return true;
        }
        return actor.has(Role.MANAGER) && actor.isInTeam(ownerTeam);
    }

    /** The owner's team, as the events last said, or null if they never named one. */
    public String teamOf(String ownerId) {
        if (ownerId == null) {
            return null;
        }
        OwnerTeam team = mongo.findById(ownerId, OwnerTeam.class);
        return team == null ? null : team.teamId();
    }

    /** Whether the caller may see the row of this owner, looking up the owner's team. */
    public boolean mayReadOwnerRow(Actor actor, String ownerId) {
        return ownerId == null || seesEverything(actor) || actor.id().equals(ownerId)
                ? reads(actor)
                : ownerRow(actor, ownerId, teamOf(ownerId));
    }

    /**
     * The criteria that restrict a query to the rows the caller may see, as {@link #ownerRow}, for documents
     * whose field {@code ownerField} holds the owner (null or missing for all owners); empty for no restriction.
     */
    public Optional<Criteria> ownerFilter(Actor actor, String ownerField) {
        if (seesEverything(actor)) {
            return Optional.empty();
        }
        if (!reads(actor)) {
            return Optional.of(nothing());
        }
        List<Criteria> either = new ArrayList<>();
        // Matches a missing owner as well as an explicit null.
        either.add(where(ownerField).is(null));
        either.add(where(ownerField).is(actor.id()));
        if (actor.has(Role.MANAGER) && actor.team() != null) {
            either.add(where(ownerField).in(membersOf(actor.team())));
        }
        return Optional.of(new Criteria().orOperator(either));
    }

    private List<String> membersOf(String teamId) {
        Query query = Query.query(where(TEAM_ID).is(teamId));
        query.fields().include("_id");
        return mongo.find(query, Document.class, OwnerTeam.COLLECTION).stream()
                .map(member -> member.getString("_id")).toList();
    }

    // Targets

    /** Whether the caller may see a target, by the rule of command-service's {@code GET /targets}. */
    public static boolean target(Actor actor, SubjectType subjectType, String subjectId, String teamId) {
        return seesEverything(actor)
                || (actor.has(Role.MANAGER) && actor.isInTeam(teamId))
                || (actor.has(Role.REP) && subjectType == SubjectType.OWNER && actor.id().equals(subjectId));
    }

    // Metric rows

    /**
     * What decides who sees one metric row, looked up once so that it can be applied to many callers.
     *
     * @param metric    the metric family
     * @param ownerId   the owner the row is cut by, null for all owners
     * @param ownerTeam the owner's team, null if not known
     * @param coverage  whether the row is a target's coverage, which follows the target rule instead
     * @param subjectType the target's subject type (coverage rows only)
     * @param subjectId the target's subject (coverage rows only)
     * @param targetTeam the team the target belongs to, null if none or not known (coverage rows only)
     * @param deals     who holds each deal listed in the row now, by deal id; deals not known here are missing
     */
    public record MetricRow(String metric, String ownerId, String ownerTeam, boolean coverage,
                            SubjectType subjectType, String subjectId, String targetTeam,
                            Map<String, DealAccess> deals) {
    }

    /**
     * Looks up what decides who sees a row: its owner's team, its target, who holds the deals it lists.
     *
     * @param value the row's value, or null for a deleted row (then the key tells the owner or target)
     */
    public MetricRow row(String metric, String key, JsonNode value) {
        return row(metric, key, value, null);
    }

    /** As {@link #row(String, String, JsonNode)}, leaving out what does not matter to {@code forActor} if given. */
    private MetricRow row(String metric, String key, JsonNode value, Actor forActor) {
        if (COVERAGE.equals(metric)) {
            String subject = key.substring(key.lastIndexOf('|') + 1);
            SubjectType subjectType = null;
            String subjectId = null;
            int colon = subject.indexOf(':');
            if (colon > 0) {
                try {
                    subjectType = SubjectType.fromKey(subject.substring(0, colon));
                    subjectId = subject.substring(colon + 1);
                } catch (IllegalArgumentException notASubject) {
                    // Nobody but those who see every target sees it.
                }
            }
            TargetAccess target = mongo.findOne(Query.query(where("coverageKey").is(key)), TargetAccess.class);
            return new MetricRow(metric, null, null, true, subjectType, subjectId,
                    target == null ? null : target.teamId(), Map.of());
        }
        String ownerId = value != null ? text(value, OWNER_ID) : ownerInKey(key);
        List<String> listed = new ArrayList<>();
        if (value != null && value.isObject()) {
            for (JsonNode field : value.values()) {
                if (field.isArray()) {
                    for (JsonNode element : field) {
                        String dealId = element.isObject() ? text(element, DEAL_ID) : null;
                        if (dealId != null) {
                            listed.add(dealId);
                        }
                    }
                }
            }
        }
        boolean teamMatters = forActor == null || (ownerId != null && !forActor.id().equals(ownerId)
                && forActor.has(Role.MANAGER));
        return new MetricRow(metric, ownerId, teamMatters ? teamOf(ownerId) : null, false, null, null, null,
                access(listed));
    }

    /**
     * The row as the caller may see it: empty if it may not see the row at all; else the value, with the lists
     * of deals inside it cut to those the caller may see (and the payment plan's totals worked out again), or
     * empty when deals were cut from a row whose totals cannot be worked out again. A deleted row (null value)
     * is shown as a JSON null to those who may see the row.
     */
    public static Optional<JsonNode> view(Actor actor, MetricRow row, JsonNode value) {
        if (ACQUISITION_COST.equals(row.metric()) && !pipelineMoney(actor)) {
            return Optional.empty();
        }
        boolean rowVisible = row.coverage()
                ? target(actor, row.subjectType(), row.subjectId(), row.targetTeam())
                : ownerRow(actor, row.ownerId(), row.ownerTeam());
        if (!rowVisible) {
            return Optional.empty();
        }
        if (value == null || value.isNull()) {
            return Optional.of(JsonNodeFactory.instance.nullNode());
        }
        if (seesEverything(actor) || !value.isObject()) {
            return Optional.of(value);
        }
        ObjectNode cut = null;
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            if (!field.getValue().isArray()) {
                continue;
            }
            ArrayNode kept = JsonNodeFactory.instance.arrayNode();
            boolean removed = false;
            for (JsonNode element : field.getValue()) {
                String dealId = element.isObject() ? text(element, DEAL_ID) : null;
                DealAccess access = dealId == null ? null : row.deals().get(dealId);
                if (dealId != null && (access == null || !deal(actor, access.ownerId(), access.teamId()))) {
                    removed = true;
                } else {
                    kept.add(element);
                }
            }
            if (removed) {
                if (cut == null) {
                    cut = (ObjectNode) value.deepCopy();
                }
                cut.set(field.getKey(), kept);
            }
        }
        if (cut == null) {
            return Optional.of(value);
        }
        if (PAYMENT_PLAN.equals(row.metric())) {
            return Optional.of(PaymentPlanTotals.recompute(cut));
        }
        return Optional.empty();
    }

    /** The row as the caller may see it, looking up what decides; see {@link #view(Actor, MetricRow, JsonNode)}. */
    public Optional<JsonNode> view(Actor actor, String metric, String key, JsonNode value) {
        if (seesEverything(actor)) {
            return Optional.of(value == null ? JsonNodeFactory.instance.nullNode() : value);
        }
        return view(actor, row(metric, key, value, actor), value);
    }

    /**
     * The criteria that restrict a query of the metric documents of one family to the rows the caller may see,
     * as {@link #view} decides for the row itself (lists inside rows are cut afterwards); empty for no
     * restriction.
     *
     * @param keyField   the field holding the record key
     * @param ownerField the field holding the owner the row is cut by
     */
    public Optional<Criteria> metricFilter(Actor actor, String metric, String keyField, String ownerField) {
        if (seesEverything(actor)) {
            return Optional.empty();
        }
        if (ACQUISITION_COST.equals(metric)) {
            return pipelineMoney(actor) ? ownerFilter(actor, ownerField) : Optional.of(nothing());
        }
        if (!COVERAGE.equals(metric)) {
            return ownerFilter(actor, ownerField);
        }
        List<Criteria> either = new ArrayList<>();
        if (actor.has(Role.MANAGER) && actor.team() != null) {
            Query query = Query.query(where(TEAM_ID).is(actor.team()));
            query.fields().include("coverageKey");
            either.add(where(keyField).in(mongo.find(query, Document.class, TargetAccess.COLLECTION).stream()
                    .map(target -> target.getString("coverageKey")).toList()));
        }
        if (actor.has(Role.REP)) {
            either.add(where(keyField).regex(Pattern.quote("|" + SubjectType.OWNER.key() + ":" + actor.id()) + "$"));
        }
        return Optional.of(either.isEmpty() ? nothing() : new Criteria().orOperator(either));
    }

    /** The owner part of a metric key ({@code pipelineId|ownerId or *|...}), null for all owners or none. */
    private static String ownerInKey(String key) {
        String[] parts = key.split("\\|", -1);
        return parts.length < 2 || MetricKey.ALL.equals(parts[1]) ? null : parts[1];
    }

    private static Criteria nothing() {
        return where("_id").in(List.of());
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }

    /** The payment plan's totals per horizon and currency, worked out from its deals as streams-analytics does. */
    static final class PaymentPlanTotals {

        private PaymentPlanTotals() {
        }

        static JsonNode recompute(ObjectNode plan) {
            LocalDate today = LocalDate.parse(plan.get("today").asString());
            LocalDate tomorrow = LocalDate.parse(plan.get("tomorrow").asString());
            LocalDate weekEnd = LocalDate.parse(plan.get("weekEnd").asString());
            Map<String, Sum> tomorrowTotals = new TreeMap<>();
            Map<String, Sum> weekTotals = new TreeMap<>();
            for (JsonNode deal : plan.path("deals")) {
                LocalDate date = LocalDate.parse(deal.get("expectedCloseDate").asString());
                JsonNode amount = deal.get("amount");
                String currency = amount.get("currency").asString();
                BigDecimal value = decimal(amount.get("amount"));
                BigDecimal weighted = decimal(deal.get("weightedAmount"));
                if (date.equals(tomorrow)) {
                    tomorrowTotals.computeIfAbsent(currency, c -> new Sum()).add(value, weighted);
                }
                if (!date.isBefore(today) && !date.isAfter(weekEnd)) {
                    weekTotals.computeIfAbsent(currency, c -> new Sum()).add(value, weighted);
                }
            }
            plan.set("tomorrowTotals", totals(tomorrowTotals));
            plan.set("thisWeekTotals", totals(weekTotals));
            return plan;
        }

        private static ArrayNode totals(Map<String, Sum> byCurrency) {
            ArrayNode totals = JsonNodeFactory.instance.arrayNode();
            byCurrency.forEach((currency, sum) -> totals.add(JsonNodeFactory.instance.objectNode()
                    .put("currency", currency)
                    .put("deals", sum.deals)
                    .put("amount", sum.amount.toPlainString())
                    .put("weightedAmount", sum.weighted.toPlainString())));
            return totals;
        }

        private static BigDecimal decimal(JsonNode node) {
            return node.isNumber() ? node.decimalValue() : new BigDecimal(node.asString());
        }

        private static final class Sum {
            private long deals;
            private BigDecimal amount = BigDecimal.ZERO;
            private BigDecimal weighted = BigDecimal.ZERO;

            void add(BigDecimal value, BigDecimal weightedValue) {
                deals++;
                amount = amount.add(value);
                weighted = weighted.add(weightedValue);
            }
        }
    }
}
