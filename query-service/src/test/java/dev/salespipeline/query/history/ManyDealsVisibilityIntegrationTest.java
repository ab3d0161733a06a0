package dev.salespipeline.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.envelope.EventEnvelope;
import dev.salespipeline.api.envelope.EventTypes;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.query.QueryServiceTestBase;
import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.events.PipelineEventListener;
import dev.salespipeline.security.Actor;
import dev.salespipeline.security.Role;

/**
 * More deals than {@link Visibility#BY_ID}: who may see them is then read by holder, not by deal, and the as-of board
 * and the change report still show a rep their own deals only, a manager their team's and their own, an admin all;
 * the deals found by holder are exactly those found by id.
 */
class ManyDealsVisibilityIntegrationTest extends QueryServiceTestBase {

    private static final Instant START = Instant.parse("2026-06-01T08:00:00Z");
    private static final int DEALS = 700;

    @Autowired
    PipelineEventListener listener;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    Visibility visibility;

    @Autowired
    BoardAsOfQuery boards;

    @Autowired
    ChangeReportQuery reports;

    @Test
    void repsManagersAndAdminsSeeTheirDealsAmongMany() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        try {
            seeTheirDeals(run);
        } finally {
            WrittenStraight.remove(mongo, run);
        }
    }

    private void seeTheirDeals(String run) {
        String pipeline = "many-" + run;
        String north = "north-" + run;
        List<String> owners = List.of("anna-" + run, "max-" + run, "nina-" + run);
        List<String> teams = List.of(north, north, "south-" + run);
        List<EventEnvelope<?>> events = new ArrayList<>();
        PipelineDefined defined = new PipelineDefined(pipeline, "Many", List.of(
                new StageDefinition("lead", "Lead", 10, null, null)), Duration.ofDays(30), List.of("Price"),
                START.minus(Duration.ofDays(1)));
        events.add(envelope(pipeline, 0, defined.occurredAt(), defined, events.size()));
        List<String> dealIds = new ArrayList<>();
        for (int deal = 0; deal < DEALS; deal++) {
            String dealId = "many-deal-" + run + "-" + deal;
            dealIds.add(dealId);
            DealOpened opened = new DealOpened(dealId, pipeline, "lead", "Deal " + deal, owners.get(deal % 3),
                    teams.get(deal % 3), Money.of("100.00", "EUR"), START.plusSeconds(deal));
            events.add(envelope(dealId, 0, opened.occurredAt(), opened, events.size()));
        }
        listener.project(events);

        Actor rep = new Actor(owners.get(0), "Anna", Set.of(Role.REP), north, Actor.SOURCE_WEB);
        Actor manager = new Actor(owners.get(1), "Max", Set.of(Role.MANAGER), north, Actor.SOURCE_WEB);
        Actor admin = new Actor("ada", "Ada", Set.of(Role.ADMIN), null, Actor.SOURCE_WEB);
        long reps = (DEALS + 2) / 3;
        long northTeam = reps + (DEALS + 1) / 3;

        Set<String> byHolder = visibility.readableDeals(rep, dealIds);
        Set<String> byId = new HashSet<>();
        for (int i = 0; i < dealIds.size(); i += Visibility.BY_ID / 2) {
            byId.addAll(visibility.readableDeals(rep, dealIds.subList(i, Math.min(dealIds.size(),
                    i + Visibility.BY_ID / 2))));
        }
        assertThat(byHolder).hasSize((int) reps).isEqualTo(byId);
        assertThat(visibility.readableDeals(manager, dealIds)).hasSize((int) northTeam);

        Instant at = START.plus(Duration.ofDays(1));
        BoardAsOf repsBoard = boards.find(new FindBoardAsOf(pipeline, at, null, 0, 200), rep).orElseThrow();
        assertThat(repsBoard.totalDeals()).isEqualTo(reps);
        assertThat(repsBoard.columns().get(0).dealCount()).isEqualTo(reps);
        assertThat(repsBoard.columns().get(0).cards()).hasSize(200)
                .allSatisfy(card -> assertThat(card.ownerId()).isEqualTo(owners.get(0)));
        assertThat(repsBoard.columns().get(0).totals()).singleElement()
                .satisfies(total -> assertThat(total.amount()).isEqualByComparingTo(reps * 100 + ".00"));
        assertThat(boards.find(new FindBoardAsOf(pipeline, at, null, 0, 50), manager).orElseThrow().totalDeals())
                .isEqualTo(northTeam);
        assertThat(boards.find(new FindBoardAsOf(pipeline, at, null, 0, 50), admin).orElseThrow().totalDeals())
                .isEqualTo(DEALS);

        ChangeReport repsReport = reports.find(new FindChangeReport(pipeline, START.minusSeconds(60), at, 0, 500),
                rep).orElseThrow();
        assertThat(repsReport.totalDeals()).isEqualTo(reps);
        assertThat(repsReport.opened()).hasSize((int) reps)
                .allSatisfy(deal -> assertThat(deal.ownerId()).isEqualTo(owners.get(0)));
        assertThat(reports.find(new FindChangeReport(pipeline, START.minusSeconds(60), at, 0, 500), manager)
                .orElseThrow().totalDeals()).isEqualTo(northTeam);
    }

    private static EventEnvelope<?> envelope(String aggregateId, long sequence, Instant at, Object event,
                                             long position) {
        Class<?> type = event.getClass();
        return new EventEnvelope<>(UUID.randomUUID().toString(), EventTypes.nameOf(type), EventTypes.versionOf(type),
                aggregateId, sequence, position, at, at, "ada", "web", "c", event);
    }
}
