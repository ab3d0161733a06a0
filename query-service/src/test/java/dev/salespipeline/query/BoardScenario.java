package dev.salespipeline.query;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.salespipeline.api.DomainEvent;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.PipelineTemplates;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StagesReordered;

/**
 * A scripted pipeline with its deals, as the command side would publish them, with ids of its own so that
 * tests do not see each other's data. Times are relative to when the scenario is made, so that "stalled",
 * "days in stage" and "due today" come out the same whenever the tests run (company time zone UTC).
 *
 * <p>The pipeline is the default template with "qualified" renamed to "Discovery", "negotiation" moved
 * before "proposal-sent", and "contract-sent" removed: lead (10 %), qualified (25 %), negotiation (65 %),
 * proposal-sent (50 %); removed contract-sent (70 %). Limits: 14, 14, 21, 21 days, removed 14; idle 14.
 *
 * <pre>
 * deal     owner        stage (entered)            amount     prob  weighted  tasks              stalled
 * alpha    anna/north   qualified (1d)             1000 EUR   25    250       t1 +3d, t1b +5d    no
 * beta     ben/north    lead (40d)                 2000 EUR   30*   600       (t2 cancelled)     yes: stage and idle
 * gamma    anna/north   negotiation (3d)           800 USD    65    520       t3 due today       no
 * delta    anna/north   proposal-sent (10d)        3000 EUR   50    1500      t4 overdue         no   (from sam/south)
 * epsilon  ben/north    contract-sent, removed(20d) 1500 EUR  70    1050      -                  yes: stage
 * theta    anna/north   proposal-sent (16d+1h)     100 EUR    50    50        -                  no: call 2d ago
 * iota     ben/north    proposal-sent (16d)        200 EUR    50    100       t9 +2d             yes: idle
 * kappa    sam/south    lead (1d)                  none       10    -         -                  no
 * zeta     anna/north   won                        4000 EUR
 * lambda   anna/north   won                        2000 EUR
 * eta      ben/north    lost                       2500 EUR
 * (* overridden)
 * </pre>
 */
final class BoardScenario {

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final String suffix = UUID.randomUUID().toString();
    final String pipelineId = "pipeline-" + suffix;
    final String alpha = deal("alpha");
    final String beta = deal("beta");
    final String gamma = deal("gamma");
    final String delta = deal("delta");
    final String epsilon = deal("epsilon");
    final String theta = deal("theta");
    final String iota = deal("iota");
    final String kappa = deal("kappa");
    final String zeta = deal("zeta");
    final String lambda = deal("lambda");
    final String eta = deal("eta");

    /** Between now and the end of today (UTC), whenever in the day the tests run. */
    final Instant dueToday;
    final Instant overdue = now.minus(Duration.ofHours(1));
    final Instant dueIn3Days = now.plus(Duration.ofDays(3));
    final Instant dueIn5Days = now.plus(Duration.ofDays(5));
    final Instant dueIn2Days = now.plus(Duration.ofDays(2));
    final Instant dueIn20Days = now.plus(Duration.ofDays(20));

    /** Every record in publishing order: key and envelope. */
    final List<Map.Entry<String, String>> records = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();

    BoardScenario() {
        Instant startOfTomorrow = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(1).atStartOfDay()
                .toInstant(ZoneOffset.UTC);
        dueToday = now.plus(Duration.between(now, startOfTomorrow).dividedBy(2));

        publish(new PipelineDefined(pipelineId, "Sales " + suffix, PipelineTemplates.DEFAULT_STAGES,
                PipelineTemplates.DEFAULT_IDLE_LIMIT, PipelineTemplates.DEFAULT_LOST_REASONS, daysAgo(60)));
        publish(new StageRenamed(pipelineId, "qualified", "Qualified", "Discovery", daysAgo(59)));
        publish(new StagesReordered(pipelineId, List.of("lead", "qualified", "negotiation", "proposal-sent",
                "contract-sent"), daysAgo(59)));

        open(alpha, "lead", "Alpha", "anna", "north", eur("1000.00"), daysAgo(2));
        publish(new TaskScheduled(alpha, "t0", "Qualify", now.plus(Duration.ofDays(1)), daysAgo(2)));
        publish(new TaskScheduled(alpha, "t1b", "Follow up", dueIn5Days, daysAgo(2)));
        publish(new TaskScheduled(alpha, "t1", "Send proposal", dueIn3Days, daysAgo(2)));
        publish(new DealDetailsEdited(alpha, new DealDetails("Alpha", ClientInfo.NONE, null, null),
                new DealDetails("Alpha seats", new ClientInfo("Acme GmbH", "Jo Kim", "Kim Jo", "+49 30 1", "jo@acme.test",
                        "Software"), "referral", "Seats"), daysAgo(2)));
        publish(new ExpectedCloseDateChanged(alpha, null, LocalDate.parse("2026-12-15"), daysAgo(2)));
        publish(new TaskCompleted(alpha, "t0", daysAgo(1)));
        publish(new DealMovedToStage(alpha, pipelineId, "lead", "qualified", daysAgo(1)));

        open(beta, "lead", "Beta licences", "ben", "north", eur("2000.00"), daysAgo(40));
        publish(new ProbabilityOverridden(beta, null, 30, daysAgo(40)));
        publish(new ExpectedCloseDateChanged(beta, null, LocalDate.parse("2027-01-20"), daysAgo(40)));
        publish(new TaskScheduled(beta, "t2", "Call", daysAgo(35), daysAgo(40)));
        publish(new TaskCancelled(beta, "t2", daysAgo(39)));

        open(gamma, "lead", "Gamma rollout", "anna", "north", new Money(new java.math.BigDecimal("500.00"), "USD"),
                daysAgo(5));
        publish(new DealDetailsEdited(gamma, new DealDetails("Gamma rollout", ClientInfo.NONE, null, null),
                new DealDetails("Gamma rollout", new ClientInfo("Globex", "Hank Scorpio", null, null, null, null),
                        "ads", null), daysAgo(5)));
        publish(new TaskScheduled(gamma, "t3", "Demo", daysAgo(2), daysAgo(4)));
        publish(new DealMovedToStage(gamma, pipelineId, "lead", "negotiation", daysAgo(3)));
        publish(new DealAmountChanged(gamma, new Money(new java.math.BigDecimal("500.00"), "USD"),
                new Money(new java.math.BigDecimal("800.00"), "USD"), daysAgo(3)));
        publish(new ExpectedCloseDateChanged(gamma, null, LocalDate.parse("2026-12-31"), daysAgo(3)));
        publish(new TaskRescheduled(gamma, "t3", daysAgo(2), dueToday, daysAgo(3)));

        open(delta, "proposal-sent", "Delta deal", "sam", "south", eur("3000.00"), daysAgo(10));
        publish(new TaskScheduled(delta, "t4", "Call back", overdue, daysAgo(9)));
        publish(new DealHandedOver(delta, "sam", "anna", "south", "north", "territory", daysAgo(2)));

        open(epsilon, "lead", "Epsilon", "ben", "north", eur("1500.00"), daysAgo(25));
        publish(new DealMovedToStage(epsilon, pipelineId, "lead", "contract-sent", daysAgo(20)));
        publish(new ProbabilityOverridden(epsilon, null, 90, daysAgo(20)));
        publish(new ProbabilityOverridden(epsilon, 90, null, daysAgo(19)));
        publish(new CommentAdded(epsilon, "c1", "Waiting for legal", daysAgo(1)));

        open(theta, "proposal-sent", "Theta", "anna", "north", eur("100.00"), daysAgo(16).minus(Duration.ofHours(1)));
        publish(new CallLogged(theta, "call-1", Direction.OUTBOUND, daysAgo(2), 120, true, "+49 30 2", null, null,
                null));

        open(iota, "proposal-sent", "Iota", "ben", "north", eur("200.00"), daysAgo(16));
        publish(new TaskScheduled(iota, "t9", "Send samples", dueIn2Days, daysAgo(16)));
        publish(new TaskScheduled(iota, "t9b", "Visit", dueIn20Days, daysAgo(16)));

        open(kappa, "lead", "Kappa", "sam", "south", null, daysAgo(1));

        open(zeta, "lead", "Zeta", "anna", "north", eur("4000.00"), daysAgo(30));
        publish(new DealMovedToStage(zeta, pipelineId, "lead", "negotiation", daysAgo(20)));
        publish(new DealWon(zeta, pipelineId, "negotiation", eur("4000.00"), daysAgo(5)));
        open(lambda, "proposal-sent", "Lambda", "anna", "north", eur("2000.00"), daysAgo(30));
        publish(new DealWon(lambda, pipelineId, "proposal-sent", eur("2000.00"), daysAgo(6)));
        open(eta, "lead", "Eta", "ben", "north", eur("2500.00"), daysAgo(30));
        publish(new DealLost(eta, pipelineId, "lead", "Price", null, daysAgo(7)));

        // The pipeline changes after the deals are in it: the removed stage still holds epsilon.
        publish(new StageRemoved(pipelineId, "contract-sent", daysAgo(1)));
    }

    private String deal(String name) {
        return name + "-" + suffix;
    }

    /** That many days and an hour before now: whole days come out as that many whatever the request's delay. */
    Instant daysAgo(int days) {
        return now.minus(Duration.ofDays(days)).minus(Duration.ofHours(1));
    }

    static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private void open(String dealId, String stageId, String title, String ownerId, String teamId, Money amount,
                      Instant at) {
        publish(new DealOpened(dealId, pipelineId, stageId, title, ownerId, teamId, amount, at));
    }

    private void publish(DomainEvent event) {
        long sequence = sequences.merge(event.aggregateId(), 1L, Long::sum) - 1;
        records.add(Map.entry(event.aggregateId(), QueryServiceTestBase.asPublished(event, sequence, "script")));
    }

    List<String> openDeals() {
        return List.of(alpha, beta, gamma, delta, epsilon, theta, iota, kappa);
    }

    List<String> allDeals() {
        return List.of(alpha, beta, gamma, delta, epsilon, theta, iota, kappa, zeta, lambda, eta);
    }
}
