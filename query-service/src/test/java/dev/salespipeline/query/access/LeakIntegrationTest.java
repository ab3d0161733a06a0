package dev.salespipeline.query.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import dev.salespipeline.api.Topics;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;
import dev.salespipeline.api.alerts.StalledDealAlert;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.PipelineCoverage;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetIds;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;
import dev.salespipeline.query.metrics.MetricTopics;
import dev.salespipeline.testsupport.LeakProbe;
import tools.jackson.databind.JsonNode;

/**
 * Nothing of team south reaches rep anna or manager max of team north, on any endpoint or stream of the
 * service's OpenAPI document: deals, tasks, calls, unmatched activities, targets' coverage, metric rows and
 * alerts of south carry marker values, and the probe fails on any answer that shows one. The same probe as an
 * admin sees every marker, so it does reach the data.
 */
class LeakIntegrationTest extends VisibilityTestBase {

    private static final String RUN = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_999_999_999L));
    private static final String PIPELINE = "leak-" + UUID.randomUUID();
    private static final String NORTH_DEAL = "deal-north-" + UUID.randomUUID();
    private static final String BENS_DEAL = "deal-ben-" + UUID.randomUUID();
    private static final String SOUTH_DEAL = "deal-south-" + UUID.randomUUID();

    private static final String SOUTH_TITLE = "SOUTH-TITLE-" + RUN;
    private static final String SOUTH_AMOUNT = "73" + RUN.substring(0, 5) + ".27";
    private static final String SOUTH_PHONE = "+49 89 " + RUN;
    private static final String SOUTH_TASK = "SOUTH-TASK-" + RUN;
    private static final String UNMATCHED_PHONE = "+49 40 " + RUN;
    private static final String UNMATCHED_EXTERNAL_ID = "south-call-" + RUN;
    private static final String TEAM_TARGET = "55" + RUN.substring(0, 5) + ".11";
    private static final String OWNER_TARGET = "66" + RUN.substring(0, 5) + ".22";
    private static final String WEIGHTED = "81" + RUN.substring(0, 5) + ".01";
    private static final String TALK_SECONDS = "9" + RUN;
    private static final String OPEN_DEALS = "8" + RUN;
    private static final String PROFANE_MATCHES = "7" + RUN;
    /** The payment plan's total of north's and south's deal together: shows south's amount as surely as the deal. */
    private static final String BOTH_TOTAL = new java.math.BigDecimal(SOUTH_AMOUNT)
            .add(new java.math.BigDecimal("1000.00")).toPlainString();

    private static final List<String> MARKERS = List.of(SOUTH_DEAL, SOUTH_TITLE, SOUTH_AMOUNT, SOUTH_PHONE, SOUTH_TASK,
            UNMATCHED_PHONE, UNMATCHED_EXTERNAL_ID, TEAM_TARGET, OWNER_TARGET, WEIGHTED, TALK_SECONDS, OPEN_DEALS,
            PROFANE_MATCHES, BOTH_TOTAL);

    private static final Instant AT = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private static String eventsBefore;
    private static String metricsBefore;
    private static String alertsBefore;
    private static String unmatchedActivity;

    private void seed() throws Exception {
        if (unmatchedActivity != null) {
            return;
        }
        // Taken with the service up, which creates the topics.
        eventsBefore = VisibilityFixture.positionNow(List.of(Topics.PIPELINE_EVENTS));
        metricsBefore = VisibilityFixture.positionNow(Topics.METRICS_TOPICS);
        alertsBefore = VisibilityFixture.positionNow(Topics.ALERT_TOPICS);
        event(new PipelineDefined(PIPELINE, "Leak probe", List.of(
                new StageDefinition("lead", "Lead", 10, null, null),
                new StageDefinition("proposal", "Proposal sent", 50, Duration.ofDays(14), null)),
                Duration.ofDays(30), List.of("Price"), AT), 0);
        event(new DealOpened(NORTH_DEAL, PIPELINE, "lead", "North deal", "anna", "north",
                Money.of("1000.00", "EUR"), AT), 0);
        event(new DealOpened(BENS_DEAL, PIPELINE, "lead", "Ben's deal", "ben", "north",
                Money.of("2000.00", "EUR"), AT), 0);
        event(new DealOpened(SOUTH_DEAL, PIPELINE, "proposal", SOUTH_TITLE, "sam", "south",
                Money.of(SOUTH_AMOUNT, "EUR"), AT), 0);
        event(new CallLogged(SOUTH_DEAL, "call-" + RUN, Direction.OUTBOUND, AT.plusSeconds(60), 120, true,
                SOUTH_PHONE, null, null, null), 1);
        event(new TaskScheduled(SOUTH_DEAL, "task-" + RUN, SOUTH_TASK, AT.plusSeconds(3600), AT.plusSeconds(120)), 2);
        ActivityReceived unmatched = new ActivityReceived(ActivityIds.of("telephony", UNMATCHED_EXTERNAL_ID),
                "telephony", UNMATCHED_EXTERNAL_ID, ActivityKind.CALL, Direction.INBOUND, Instant.now().minusSeconds(5),
                95, true, UNMATCHED_PHONE, null, null, null, null, null, "sam", null, ActivityMatch.UNMATCHED);
        event(unmatched, 0);
        TargetPeriod quarter = TargetPeriod.parse("2026-Q4");
        event(new SalesTargetSet(SalesTargetIds.of(PIPELINE, SubjectType.TEAM, "south", quarter), PIPELINE,
                SubjectType.TEAM, "south", "south", quarter, Money.of(TEAM_TARGET, "EUR"), AT), 0);
        event(new SalesTargetSet(SalesTargetIds.of(PIPELINE, SubjectType.OWNER, "sam", quarter), PIPELINE,
                SubjectType.OWNER, "sam", "south", quarter, Money.of(OWNER_TARGET, "EUR"), AT), 0);
        awaitAllConsumed();

        fixture.publish(Topics.METRICS_COVERAGE, PipelineCoverage.key(PIPELINE, PeriodType.QUARTER, "2026-Q4",
                SubjectType.TEAM, "south"), coverage("TEAM", "south", null, TEAM_TARGET));
        fixture.publish(Topics.METRICS_COVERAGE, PipelineCoverage.key(PIPELINE, PeriodType.QUARTER, "2026-Q4",
                SubjectType.OWNER, "sam"), coverage("OWNER", "sam", "sam", OWNER_TARGET));
        fixture.publish(Topics.METRICS_PAYMENT_PLAN, PIPELINE + "|*", paymentPlan(null, List.of(
                planDeal(NORTH_DEAL, "anna", TODAY.plusDays(1), "1000.00", 10, "100.00"),
                planDeal(SOUTH_DEAL, "sam", TODAY.plusDays(1), SOUTH_AMOUNT, 50, "1.00"))));
        fixture.publish(Topics.METRICS_PAYMENT_PLAN, PIPELINE + "|sam", paymentPlan("sam", List.of(
                planDeal(SOUTH_DEAL, "sam", TODAY.plusDays(1), SOUTH_AMOUNT, 50, "1.00"))));
        fixture.publish(Topics.METRICS_WEIGHTED_PIPELINE, PIPELINE + "|sam|*|MONTH|2026-12|EUR",
                "{\"pipelineId\":\"" + PIPELINE + "\",\"ownerId\":\"sam\",\"periodType\":\"MONTH\",\"period\":\"2026-12\","
                        + "\"currency\":\"EUR\",\"openDeals\":1,\"amount\":\"" + WEIGHTED + "\",\"weightedAmount\":\"1.00\"}");
        fixture.publish(Topics.METRICS_MANAGER_ACTIVITY, PIPELINE + "|sam|*|DAY|" + TODAY,
                "{\"pipelineId\":\"" + PIPELINE + "\",\"ownerId\":\"sam\",\"periodType\":\"DAY\",\"period\":\"" + TODAY
                        + "\",\"callsMade\":1,\"talkSeconds\":" + TALK_SECONDS + "}");
        fixture.publish(Topics.METRICS_CALL_QUALITY, PIPELINE + "|sam|*|DAY|" + TODAY,
                "{\"pipelineId\":\"" + PIPELINE + "\",\"ownerId\":\"sam\",\"periodType\":\"DAY\",\"period\":\"" + TODAY
                        + "\",\"calls\":1,\"callsChecked\":1,\"callsWithStopWords\":0,\"callsWithComplaint\":0,"
                        + "\"callsWithProfanity\":1,\"matchesByList\":{\"profanity\":" + PROFANE_MATCHES + "}}");
        fixture.publish(Topics.METRICS_OWNER_BOOK, PIPELINE + "|sam|*|DAY|" + TODAY,
                "{\"pipelineId\":\"" + PIPELINE + "\",\"ownerId\":\"sam\",\"periodType\":\"DAY\",\"period\":\"" + TODAY
                        + "\",\"openDeals\":" + OPEN_DEALS + ",\"asOf\":\"" + Instant.now() + "\"}");
        fixture.publish(Topics.ALERTS_STALLED_DEALS, SOUTH_DEAL, JSON.writeValueAsString(new StalledDealAlert(SOUTH_DEAL,
                PIPELINE, "proposal", "sam", "south", AlertStatus.RAISED, StallReason.STAGE_TIME_LIMIT, AT,
                Duration.ofDays(14), AT.plusSeconds(60), null)));

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode coverage = get("/metrics/coverage?pipelineId=" + PIPELINE).getBody();
            JsonNode plans = get("/metrics/payment-plan?pipelineId=" + PIPELINE).getBody();
            JsonNode book = get("/metrics/owner-book?pipelineId=" + PIPELINE).getBody();
            JsonNode quality = get("/metrics/call-quality?pipelineId=" + PIPELINE).getBody();
            JsonNode alerts = get("/alerts/stalled-deals?pipelineId=" + PIPELINE).getBody();
            return coverage != null && coverage.size() == 2 && plans != null && plans.size() == 2
                    && book != null && book.size() == 1 && quality != null && quality.size() == 1
                    && alerts != null && alerts.size() == 1;
        });
        unmatchedActivity = unmatched.activityId();
    }

    private static String coverage(String subjectType, String subjectId, String ownerId, String target) {
        return "{\"pipelineId\":\"" + PIPELINE + "\",\"subjectType\":\"" + subjectType + "\",\"subjectId\":\""
                + subjectId + "\",\"ownerId\":" + (ownerId == null ? "null" : "\"" + ownerId + "\"")
                + ",\"periodType\":\"QUARTER\",\"period\":\"2026-Q4\",\"daysInPeriod\":92,\"currency\":\"EUR\","
                + "\"target\":\"" + target + "\",\"wonInPeriod\":\"0.00\",\"remaining\":\"" + target + "\","
                + "\"openPipeline\":\"0.00\",\"closedDeals\":0,\"wonDeals\":0}";
    }

    private static String planDeal(String dealId, String ownerId, LocalDate date, String amount, int probability,
                                   String weighted) {
        return "{\"dealId\":\"" + dealId + "\",\"ownerId\":\"" + ownerId + "\",\"expectedCloseDate\":\"" + date
                + "\",\"amount\":{\"amount\":\"" + amount + "\",\"currency\":\"EUR\"},\"probability\":" + probability
                + ",\"weightedAmount\":\"" + weighted + "\"}";
    }

    /** A payment plan of the given deals, with the totals streams-analytics would give them (all close tomorrow). */
    private static String paymentPlan(String ownerId, List<String> deals) {
        java.math.BigDecimal amount = java.math.BigDecimal.ZERO;
        java.math.BigDecimal weighted = java.math.BigDecimal.ZERO;
        for (String deal : deals) {
            JsonNode node = JSON.readTree(deal);
            amount = amount.add(new java.math.BigDecimal(node.get("amount").get("amount").asString()));
            weighted = weighted.add(new java.math.BigDecimal(node.get("weightedAmount").asString()));
        }
        String total = "[{\"currency\":\"EUR\",\"deals\":" + deals.size() + ",\"amount\":\"" + amount.toPlainString()
                + "\",\"weightedAmount\":\"" + weighted.toPlainString() + "\"}]";
        LocalDate weekEnd = TODAY.plusDays(7 - TODAY.getDayOfWeek().getValue());
        return "{\"pipelineId\":\"" + PIPELINE + "\",\"ownerId\":" + (ownerId == null ? "null" : "\"" + ownerId + "\"")
                + ",\"today\":\"" + TODAY + "\",\"tomorrow\":\"" + TODAY.plusDays(1) + "\",\"weekEnd\":\"" + weekEnd
                + "\",\"tomorrowTotals\":" + total + ",\"thisWeekTotals\":"
                + (TODAY.plusDays(1).isAfter(weekEnd) ? "[]" : total) + ",\"deals\":[" + String.join(",", deals) + "]}";
    }

    private LeakProbe probe() {
        List<String> families = new ArrayList<>(MetricTopics.families());
        return LeakProbe.of("http://localhost:" + port)
                .caller("rep anna (north)", ANNA)
                .caller("manager max (north)", MAX)
                .caller("admin ada", ADA)
                .values("pipelineId", PIPELINE)
                .values("dealId", NORTH_DEAL, SOUTH_DEAL)
                .values("ownerId", "anna", "sam")
                .values("teamId", "north", "south")
                .values("activityId", unmatchedActivity)
                .values("metric", families.toArray(String[]::new))
                .values("at", Instant.now().toString())
                .values("from", AT.minus(Duration.ofDays(1)).toString())
                .values("to", Instant.now().toString())
                .values("Last-Event-ID", eventsBefore, metricsBefore, alertsBefore)
                .markers(MARKERS.toArray(String[]::new))
                .readStreamsFor(Duration.ofSeconds(2))
                .readStreamsAtOnce(6);
    }

    @Test
    void noAnswerToNorthShowsAnythingOfSouthWhileAnAdminSeesItAll() throws Exception {
        seed();
        LeakProbe probe = probe();
        Map<String, Set<String>> seen = probe.reveals();

        assertThat(seen.get("admin ada")).as("the probe reaches every marker, so it can see a leak")
                .containsExactlyInAnyOrderElementsOf(MARKERS);
        assertThat(seen.get("rep anna (north)")).as("what rep anna saw of south").isEmpty();
        assertThat(seen.get("manager max (north)")).as("what manager max saw of south").isEmpty();
        assertThat(probe.probed()).as("every operation answered something other than a server error")
                .noneMatch(request -> request.matches(".* -> 5\\d\\d$"));
        assertThat(probe.probed()).as("the streams were read, the replays included")
                .anyMatch(request -> request.startsWith("rep anna (north): GET /live/metrics {Last-Event-ID=")
                        && request.endsWith("-> 200"));
    }

    @Test
    void aRepSeesThePaymentPlanOfAllOwnersCutToHerDealsWithTotalsOfThoseAlone() throws Exception {
        seed();
        JsonNode all = get("/metrics/payment-plan?pipelineId=" + PIPELINE, ANNA).getBody();
        assertThat(all).as("sam's own plan is not hers to see").hasSize(1);
        JsonNode value = all.get(0).get("value");
        assertThat(value.get("deals")).hasSize(1);
        assertThat(value.get("deals").get(0).get("dealId").asString()).isEqualTo(NORTH_DEAL);
        JsonNode tomorrow = value.get("tomorrowTotals").get(0);
        assertThat(tomorrow.get("deals").asLong()).isEqualTo(1);
        assertThat(tomorrow.get("amount").asString()).isEqualTo("1000.00");
        assertThat(tomorrow.get("weightedAmount").asString()).isEqualTo("100.00");

        JsonNode asAdmin = get("/metrics/payment-plan?pipelineId=" + PIPELINE + "&ownerId=sam", ADA).getBody();
        assertThat(asAdmin).hasSize(1);
        assertThat(get("/metrics/payment-plan?pipelineId=" + PIPELINE + "&ownerId=sam", NINA).getBody())
                .as("the manager of sam's team sees his row").hasSize(1);
        assertThat(get("/metrics/payment-plan?pipelineId=" + PIPELINE + "&ownerId=sam", SAM).getBody())
                .as("sam sees his own row").hasSize(1);
        assertThat(get("/metrics/payment-plan?pipelineId=" + PIPELINE + "&ownerId=sam", VERA).getBody())
                .as("a viewer sees every row").hasSize(1);
    }

    @Test
    void coverageFollowsTheTargetRule() throws Exception {
        seed();
        assertThat(get("/metrics/coverage?pipelineId=" + PIPELINE, VERA).getBody()).hasSize(2);
        assertThat(get("/metrics/coverage?pipelineId=" + PIPELINE, NINA).getBody())
                .as("south's manager: the team's target and its owners'").hasSize(2);
        JsonNode sams = get("/metrics/coverage?pipelineId=" + PIPELINE, SAM).getBody();
        assertThat(sams).as("sam: his own target, not his team's").hasSize(1);
        assertThat(sams.get(0).get("key").asString()).endsWith("|owner:sam");
        assertThat(get("/metrics/coverage?pipelineId=" + PIPELINE, MAX).getBody()).isEmpty();
        assertThat(get("/metrics/coverage?pipelineId=" + PIPELINE, ANNA).getBody()).isEmpty();
    }

    @Test
    void aManagerSeesTheRowsOfHisTeamsOwners() throws Exception {
        seed();
        fixture.publish(Topics.METRICS_OWNER_BOOK, PIPELINE + "|ben|*|DAY|" + TODAY,
                "{\"pipelineId\":\"" + PIPELINE + "\",\"ownerId\":\"ben\",\"periodType\":\"DAY\",\"period\":\"" + TODAY
                        + "\",\"openDeals\":1,\"asOf\":\"" + Instant.now() + "\"}");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/metrics/owner-book?pipelineId=" + PIPELINE, ADA).getBody().size() == 2);
        assertThat(get("/metrics/owner-book?pipelineId=" + PIPELINE, MAX).getBody())
                .extracting(row -> row.get("value").get("ownerId").asString()).containsExactly("ben");
        assertThat(get("/metrics/owner-book?pipelineId=" + PIPELINE, ANNA).getBody()).isEmpty();
        assertThat(get("/metrics/owner-book?pipelineId=" + PIPELINE, BEN).getBody())
                .extracting(row -> row.get("value").get("ownerId").asString()).containsExactly("ben");
        assertThat(get("/metrics/owner-book?pipelineId=" + PIPELINE, NINA).getBody())
                .extracting(row -> row.get("value").get("ownerId").asString()).containsExactly("sam");
    }
}
