package dev.salespipeline.query.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.events.PipelineEventListener;
import dev.salespipeline.query.history.projection.DealVersion;
import dev.salespipeline.query.history.projection.TimeBuckets;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;

/**
 * What the as-of board and the change report read grows with their answer, not with the pipeline's history: 30
 * deals changed every day for 90 days, and 30 more won long ago, give thousands of versions, yet the keys of an
 * instant find about the deals open then, and the keys of a short span about the versions that began in it.
 */
class HistoryReadCostIntegrationTest extends QueryServiceTestBase {

    private static final Instant START = Instant.parse("2026-05-01T08:00:00Z");
    private static final Actor ADMIN = new Actor("ada", "Ada", Set.of(Role.ADMIN), null, Actor.SOURCE_WEB);

    @Autowired
    PipelineEventListener listener;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    BoardAsOfQuery boards;

    @Autowired
    ChangeReportQuery reports;

    @Test
    void theKeysOfAnInstantOrASpanFindAboutTheAnswerAndNotTheHistory() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try {
            projectAndCount(run);
        } finally {
            WrittenStraight.remove(mongo, run);
        }
    }

    private void projectAndCount(String run) {
        String pipeline = "cost-" + run;
        List<EventEnvelope<?>> events = new ArrayList<>();
        Map<String, Long> sequences = new HashMap<>();
        PipelineDefined defined = new PipelineDefined(pipeline, "Cost", List.of(
                new StageDefinition("lead", "Lead", 10, null, null)), Duration.ofDays(30), List.of("Price"),
                START.minus(Duration.ofDays(1)));
        events.add(new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(PipelineDefined.class),
                EventTypes.versionOf(PipelineDefined.class), pipeline, 0, 0, defined.occurredAt(),
                defined.occurredAt(), "ada", "web", "c", defined));
        for (int deal = 0; deal < 60; deal++) {
            String dealId = "cost-deal-" + run + "-" + deal;
            add(events, sequences, new DealOpened(dealId, pipeline, "lead", "Deal " + deal, "anna-" + run, "north",
                    Money.of("100.00", "EUR"), START.plusSeconds(deal)));
            if (deal >= 30) {
                add(events, sequences, new DealWon(dealId, pipeline, "lead", null, START.plus(Duration.ofHours(2))));
                continue;
            }
            for (int day = 1; day <= 90; day++) {
                add(events, sequences, new DealAmountChanged(dealId, null, Money.of(day + ".00", "EUR"),
                        START.plus(Duration.ofDays(day)).plusSeconds(deal * 60L)));
            }
        }
        for (int from = 0; from < events.size(); from += 1000) {
            listener.project(events.subList(from, Math.min(events.size(), from + 1000)));
        }
        long history = mongo.count(Query.query(where("pipelineId").is(pipeline)), DealVersion.class);
        assertThat(history).isGreaterThan(2700);

        Instant at = START.plus(Duration.ofDays(45)).plus(Duration.ofHours(6));
        long read = mongo.count(Query.query(where("openAt").in(TimeBuckets.containing(pipeline, at))),
                DealVersion.class);
        assertThat(read).as("versions found by the keys of %s, of %s", at, history).isBetween(30L, 90L);
        BoardAsOf board = boards.find(new FindBoardAsOf(pipeline, at, null, 0, 50), ADMIN).orElseThrow();
        assertThat(board.totalDeals()).isEqualTo(30);
        assertThat(board.columns().get(0).totals()).singleElement()
                .satisfies(total -> assertThat(total.amount()).isEqualByComparingTo("1350.00"));

        Instant from = START.plus(Duration.ofDays(60)).plus(Duration.ofHours(12));
        Instant to = from.plus(Duration.ofDays(2));
        long changed = mongo.count(Query.query(where("changedOn").in(TimeBuckets.changedBetween(pipeline, from, to))),
                DealVersion.class);
        assertThat(changed).as("versions found by the keys of the span, of %s", history).isBetween(60L, 120L);
        ChangeReport report = reports.find(new FindChangeReport(pipeline, from, to, 0, 100), ADMIN).orElseThrow();
        assertThat(report.amountChanged()).hasSize(30);
        assertThat(report.totalDeals()).isEqualTo(30);
    }

    private static void add(List<EventEnvelope<?>> events, Map<String, Long> sequences, DomainEvent event) {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        Class<?> type = event.getClass();
        events.add(new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(type),
                EventTypes.versionOf(type), event.aggregateId(), sequence, events.size(), event.occurredAt(),
                event.occurredAt(), "ada", "web", "c", event));
    }
}
