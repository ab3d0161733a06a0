package dev.salespipeline.query.board.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.events.PipelineEventListener;

/**
 * Read models kept by a release without column totals have cards and no totals: when the service starts, the totals
 * of every open card are worked out, the same as those kept batch by batch.
 */
class ColumnTotalsUpgradeIntegrationTest extends QueryServiceTestBase {

    @Autowired
    PipelineEventListener listener;

    @Autowired
    MongoTemplate mongo;

    @Test
    void totalsMissingAtStartAreWorkedOutFromTheCards() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = "upgrade-" + run;
        Instant at = Instant.parse("2026-11-16T09:00:00Z");
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String deal = "deal-upgrade-" + run + "-" + i;
            events.add(envelope(new DealOpened(deal, "sales", "lead", "Upgrade " + i, owner, i % 2 == 0 ? "north"
                    : null, i == 5 ? null : Money.of((i + 1) + "00.50", i == 4 ? "USD" : "EUR"), at), 0));
            if (i % 3 == 0) {
                events.add(envelope(new DealMovedToStage(deal, "sales", "lead", "qualified", at.plusSeconds(60)), 1));
            }
            if (i == 1) {
                events.add(envelope(new ProbabilityOverridden(deal, null, 35, at.plusSeconds(90)), 1));
            }
        }
        try {
            listener.project(events);
            List<ColumnTotals> kept = totals(owner);
            assertThat(kept).hasSize(2);

            mongo.remove(new Query(), ColumnTotals.class);
            new ColumnTotalsProjection(mongo);

            assertThat(totals(owner)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("revision")
                    .containsExactlyInAnyOrderElementsOf(kept);
        } finally {
            // Written straight, not from the topic: a rebuild would not make them again.
            Pattern deals = Pattern.compile("^" + Pattern.quote("deal-upgrade-" + run + "-"));
            for (String collection : List.of("deal_cards", "deal_access", "deal_refs", "deal_history_heads")) {
                mongo.remove(Query.query(where("_id").regex(deals)), collection);
            }
            for (String collection : List.of("deal_versions", "stage_intervals", "deal_timeline", "tasks")) {
                mongo.remove(Query.query(where("dealId").regex(deals)), collection);
            }
            mongo.remove(Query.query(where("_id").is(owner)), "owner_teams");
            mongo.remove(Query.query(where("ownerId").is(owner)), ColumnTotals.class);
        }
    }

    private List<ColumnTotals> totals(String owner) {
        return mongo.find(Query.query(where("ownerId").is(owner)), ColumnTotals.class);
    }

    private static EventEnvelope<?> envelope(DomainEvent event, long sequence) {
        Class<?> type = event.getClass();
        return new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(type), EventTypes.versionOf(type),
                event.aggregateId(), sequence, 1, event.occurredAt(), event.occurredAt(), "anna", "web",
                "c-" + UUID.randomUUID(), event);
    }
}
