package dev.salespipeline.api;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.salespipeline.api.activity.ActivityAttached;
import dev.salespipeline.api.activity.ActivityIds;
import dev.salespipeline.api.activity.ActivityKind;
import dev.salespipeline.api.activity.ActivityMatch;
import dev.salespipeline.api.activity.ActivityReceived;
import dev.salespipeline.api.activity.ActivityReport;
import dev.salespipeline.api.alerts.AlertStatus;
import dev.salespipeline.api.alerts.StallReason;
import dev.salespipeline.api.alerts.StalledDealAlert;
import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.api.deal.ClientInfo;
import dev.salespipeline.api.deal.CommentAdded;
import dev.salespipeline.api.deal.DealAmountChanged;
import dev.salespipeline.api.deal.DealDetails;
import dev.salespipeline.api.deal.DealDetailsEdited;
import dev.salespipeline.api.deal.DealHandedOver;
import dev.salespipeline.api.deal.DealLost;
import dev.salespipeline.api.deal.DealMovedToStage;
import dev.salespipeline.api.deal.DealOpened;
import dev.salespipeline.api.deal.DealReopened;
import dev.salespipeline.api.deal.DealTransferred;
import dev.salespipeline.api.deal.DealWon;
import dev.salespipeline.api.deal.Direction;
import dev.salespipeline.api.deal.EmailLogged;
import dev.salespipeline.api.deal.EmailOpened;
import dev.salespipeline.api.deal.ExpectedCloseDateChanged;
import dev.salespipeline.api.deal.MeetingLogged;
import dev.salespipeline.api.deal.Money;
import dev.salespipeline.api.deal.ProbabilityOverridden;
import dev.salespipeline.api.deal.TaskCancelled;
import dev.salespipeline.api.deal.TaskCompleted;
import dev.salespipeline.api.deal.TaskRescheduled;
import dev.salespipeline.api.deal.TaskScheduled;
import dev.salespipeline.api.metrics.AcquisitionCost;
import dev.salespipeline.api.metrics.CallQuality;
import dev.salespipeline.api.metrics.DealSize;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.OpenedDeals;
import dev.salespipeline.api.metrics.OwnerBook;
import dev.salespipeline.api.metrics.PaymentPlan;
import dev.salespipeline.api.metrics.PaymentPlanDeal;
import dev.salespipeline.api.metrics.PaymentPlanTotal;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.PipelineCoverage;
import dev.salespipeline.api.metrics.SalesCycle;
import dev.salespipeline.api.metrics.SalesVelocity;
import dev.salespipeline.api.metrics.StageAge;
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.StageOpenDeals;
import dev.salespipeline.api.metrics.StageReach;
import dev.salespipeline.api.metrics.StageTime;
import dev.salespipeline.api.metrics.TimeInStage;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.api.metrics.WinRate;
import dev.salespipeline.api.pipeline.DealField;
import dev.salespipeline.api.pipeline.IdleLimitChanged;
import dev.salespipeline.api.pipeline.LostReasonsChanged;
import dev.salespipeline.api.pipeline.PipelineDefined;
import dev.salespipeline.api.pipeline.StageAdded;
import dev.salespipeline.api.pipeline.StageDefinition;
import dev.salespipeline.api.pipeline.StageRemoved;
import dev.salespipeline.api.pipeline.StageRenamed;
import dev.salespipeline.api.pipeline.StageSettingsChanged;
import dev.salespipeline.api.pipeline.StagesReordered;
import dev.salespipeline.api.spend.MarketingSpendChanged;
import dev.salespipeline.api.spend.MarketingSpendSet;
import dev.salespipeline.api.spend.MarketingSpendWithdrawn;
import dev.salespipeline.api.speech.SpeechDictionaryChanged;
import dev.salespipeline.api.speech.SpeechDictionarySet;
import dev.salespipeline.api.speech.SpeechDictionaryWithdrawn;
import dev.salespipeline.api.speech.SpeechLanguage;
import dev.salespipeline.api.target.SalesTargetChanged;
import dev.salespipeline.api.target.SalesTargetSet;
import dev.salespipeline.api.target.SalesTargetWithdrawn;
import dev.salespipeline.api.target.SubjectType;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * One filled-in instance of every published event type, with every optional field set; likewise for the
 * documents of the ingest and metric topics.
 */
public final class EventSamples {

    private static final Instant AT = Instant.parse("2026-11-16T09:30:15.123Z");
    private static final Money EUR = Money.of("1500.00", "EUR");
    private static final StageDefinition STAGE = new StageDefinition("proposal-sent", "Proposal sent", 50,
            Duration.ofDays(21), Set.of(DealField.AMOUNT, DealField.EXPECTED_CLOSE_DATE));
    private static final DealDetails DETAILS = new DealDetails("Forty seats",
            new ClientInfo("Acme", "Jo Smith", "Kim Lee", "+49 30 1234", "jo@acme.example", "Retail"), "referral",
            "Seats");

    private EventSamples() {
    }

    public static List<DomainEvent> all() {
        return List.of(
                new DealOpened("d-1", "sales", "lead", "Forty seats", "anna", "north", EUR, AT),
                new DealAmountChanged("d-1", EUR, Money.of("2000.50", "EUR"), AT),
                new DealMovedToStage("d-1", "sales", "lead", "qualified", AT),
                new DealWon("d-1", "sales", "contract-sent", EUR, AT),
                new DealLost("d-1", "sales", "qualified", "Price", "went elsewhere", AT),
                new DealReopened("d-1", "sales", "qualified", AT),
                new DealDetailsEdited("d-1", new DealDetails("Seats", null, null, null), DETAILS, AT),
                new ExpectedCloseDateChanged("d-1", LocalDate.parse("2026-12-01"), LocalDate.parse("2027-01-15"), AT),
                new ProbabilityOverridden("d-1", 30, 45, AT),
                new DealHandedOver("d-1", "anna", "ben", "north", "south", "holiday", AT),
                new DealTransferred("d-1", "callcentre", "qualified", "sales", "lead", AT),
                new TaskScheduled("d-1", "t-1", "Call Kim", AT.plusSeconds(86_400), AT),
                new TaskCompleted("d-1", "t-1", AT),
                new TaskRescheduled("d-1", "t-1", AT.plusSeconds(86_400), AT.plusSeconds(172_800), AT),
                new TaskCancelled("d-1", "t-1", AT),
                new CallLogged("d-1", "c-1", Direction.INBOUND, AT, 95, true, "+49 30 1234", "https://rec.example/1",
                        "Hello, I want to file a complaint.", "tel-77", List.of(new TranscriptMatch("en", "complaints",
                        "file complaint", 17, 33, "file a complaint"))),
                new EmailLogged("d-1", "e-1", Direction.OUTBOUND, AT, "Offer", "anna@us.example", "jo@acme.example",
                        "mail-5"),
                new EmailOpened("d-1", "e-1", AT),
                new MeetingLogged("d-1", "m-1", "Demo", AT, 45, "went well"),
                new CommentAdded("d-1", "k-1", "Budget approved", AT),
                new PipelineDefined("sales", "Sales", List.of(STAGE), Duration.ofDays(14), List.of("Price"), AT),
                new StageAdded("sales", STAGE, 0, AT),
                new StageRenamed("sales", "proposal-sent", "Proposal sent", "Offer sent", AT),
                new StagesReordered("sales", List.of("lead", "proposal-sent"), AT),
                new StageRemoved("sales", "negotiation", AT),
                new StageSettingsChanged("sales", "proposal-sent", 55, Duration.ofDays(10), Set.of(DealField.AMOUNT),
                        AT),
                new LostReasonsChanged("sales", List.of("Price", "Timing"), AT),
                new IdleLimitChanged("sales", Duration.ofDays(21), AT),
                new SalesTargetSet("target/sales/team:north/2026-Q4", "sales", SubjectType.TEAM, "north", "north",
                        TargetPeriod.parse("2026-Q4"), Money.of("250000.00", "EUR"), AT),
                new SalesTargetChanged("target/sales/team:north/2026-Q4", Money.of("250000.00", "EUR"),
                        Money.of("275000.00", "EUR"), AT),
                new SalesTargetWithdrawn("target/sales/team:north/2026-Q4", "reorganised", AT),
                new MarketingSpendSet("spend/sales/referral/2026-Q4", "sales", "referral",
                        TargetPeriod.parse("2026-Q4"), Money.of("12000.00", "EUR"), AT),
                new MarketingSpendChanged("spend/sales/referral/2026-Q4", Money.of("12000.00", "EUR"),
                        Money.of("13500.00", "EUR"), AT),
                new MarketingSpendWithdrawn("spend/sales/referral/2026-Q4", "booked twice", AT),
                new SpeechDictionarySet("dictionary/uk/stop-words", SpeechLanguage.UK, "stop-words",
                        List.of("не можу", "гарантую"), AT),
                new SpeechDictionaryChanged("dictionary/uk/stop-words", List.of("не можу", "гарантую", "безкоштовно"),
                        AT),
                new SpeechDictionaryWithdrawn("dictionary/uk/stop-words", AT),
                new ActivityReceived(ActivityIds.of("aircall", "call-991"), "aircall", "call-991", ActivityKind.CALL,
                        Direction.INBOUND, AT, 95, true, "+49 30 1234", "https://rec.example/1", "Hello", null, null,
                        null, "anna", "d-1", ActivityMatch.PHONE),
                new ActivityAttached(ActivityIds.of("aircall", "call-992"), "d-1", "anna", AT));
    }

    /** A call and an email as telephony and email systems report them on the ingest topic. */
    public static List<ActivityReport> activityReports() {
        return List.of(
                new ActivityReport("aircall", "call-991", ActivityKind.CALL, Direction.INBOUND, AT, 95L, true,
                        "+49 30 1234", "https://rec.example/1", "Hello", null, null, null, "d-1", "anna"),
                new ActivityReport("gmail", "msg-17", ActivityKind.EMAIL, Direction.OUTBOUND, AT, null, null, null,
                        null, null, "Offer", "anna@us.example", "jo@acme.example", "d-1", "anna"));
    }

    /** A value of the opened-deals metric. */
    public static StageConversion stageConversion() {
        return new StageConversion("sales", "anna", null, PeriodType.MONTH, "2026-11", 4, 1, 1, 0, List.of(
                new StageReach("lead", "Lead", true, 4L, 4, 0.75),
                new StageReach("qualified", "Qualified", true, 3L, 2, 2.0 / 3),
                new StageReach("old-demo", "Demo", false, null, 1, null)), 0.25);
    }

    public static WinRate winRate() {
        return new WinRate("sales", null, "referral", PeriodType.QUARTER, "2026-Q4", 2, 1, 2.0 / 3);
    }

    /** A stalled-deal alert as raised: Anna's deal has sat in Proposal sent past the stage's 14 days. */
    public static StalledDealAlert stalledDealRaised() {
        return new StalledDealAlert("d-1", "sales", "proposal", "anna", "north", AlertStatus.RAISED,
                StallReason.STAGE_TIME_LIMIT, Instant.parse("2026-11-30T09:30:15Z"), Duration.ofDays(14),
                Instant.parse("2026-11-30T09:31:00Z"), null);
    }

    /** A stalled-deal alert as cleared: an idle deal outside any team got a call. */
    public static StalledDealAlert stalledDealCleared() {
        return new StalledDealAlert("d-2", "sales", "lead", "bob", null, AlertStatus.RAISED, StallReason.IDLE_LIMIT,
                Instant.parse("2026-11-23T10:00:00Z"), Duration.ofDays(7), Instant.parse("2026-11-23T10:01:00Z"),
                null).cleared(Instant.parse("2026-11-24T08:15:30Z"));
    }

    public static TimeInStage timeInStage() {
        return new TimeInStage("sales", null, null, PeriodType.MONTH, "2026-11", List.of(
                new StageTime("lead", 2, 9000.0, 3597.5, 3597.5),
                new StageTime("qualified", 1, 7200.0, 7194.25, 7194.25)));
    }

    public static StageAge stageAge() {
        return new StageAge("sales", "anna", null, List.of(
                new StageOpenDeals("lead", 3, Instant.parse("2026-11-12T14:20:00Z")),
                new StageOpenDeals("negotiation", 1, Instant.parse("2026-11-02T09:00:00Z"))));
    }

    public static SalesCycle salesCycle() {
        return new SalesCycle("sales", null, "referral", PeriodType.QUARTER, "2026-Q4", 3, 6.0, 4.9875);
    }

    public static SalesVelocity salesVelocity() {
        return new SalesVelocity("sales", null, null, PeriodType.MONTH, "2026-11", "EUR", 3,
                Instant.parse("2026-11-10T09:00:00Z"), 2, 2, 0.5, new BigDecimal("2000.00"), 20.0,
                new BigDecimal("150.00"));
    }

    /**
     * Anna's Monday in sales: three calls made and two received (two answered for 40 s or more, one of each
     * direction missed), an email sent and one received, the sent one opened, two deals changed.
     */
    public static ManagerActivity managerActivity() {
        return new ManagerActivity("sales", "anna", PeriodType.DAY, "2026-11-16", 3, 2, 190, 2, 2, 1, 1, 2 / 3.0, 1, 1,
                1, 1.0, 2, 2.5, 0);
    }

    /** Anna's book on Monday 16 November: 12 open deals, 3 without a next action, 2 overdue tasks. */
    public static OwnerBook ownerBook() {
        return new OwnerBook("sales", "anna", null, PeriodType.DAY, "2026-11-16", 12, 3, 2, "proposal", 5,
                Instant.parse("2026-11-16T15:42:00Z"));
    }

    /** Anna's euros in November: 3 won for 6500.00 in all, 2 open for 3000.00. */
    public static DealSize dealSize() {
        return new DealSize("sales", "anna", null, PeriodType.MONTH, "2026-11", "EUR", 3, new BigDecimal("6500.00"),
                new BigDecimal("2166.67"), 2, new BigDecimal("3000.00"), new BigDecimal("1500.00"),
                Instant.parse("2026-11-16T15:42:00Z"));
    }

    /** Anna's shift: five calls, three with a transcript, one with two stop words, one with a complaint. */
    public static CallQuality callQuality() {
        return new CallQuality("sales", "anna", PeriodType.DAY, "2026-11-16", 5, 3, 1, 1, 0,
                Map.of("stop-words", 2L, "complaints", 1L));
    }

    /** Spend in a month with three deals opened and none won: no cost per won deal. */
    public static AcquisitionCost acquisitionCost() {
        return new AcquisitionCost("sales", "referral", PeriodType.MONTH, "2026-11", "EUR", new BigDecimal("1200.00"),
                3, 0, new BigDecimal("400.00"), null);
    }

    public static OpenedDeals openedDeals() {
        return new OpenedDeals("sales", 42);
    }

    public static WeightedPipeline weightedPipeline() {
        return new WeightedPipeline("sales", "anna", null, PeriodType.MONTH, "2026-12", "EUR", 2,
                new BigDecimal("3000.00"), new BigDecimal("1700.00"));
    }

    public static PaymentPlan paymentPlan() {
        return new PaymentPlan("sales", null, LocalDate.parse("2026-11-18"), LocalDate.parse("2026-11-19"),
                LocalDate.parse("2026-11-22"),
                List.of(new PaymentPlanTotal("EUR", 1, new BigDecimal("1000.00"), new BigDecimal("100.00"))),
                List.of(new PaymentPlanTotal("EUR", 2, new BigDecimal("3000.00"), new BigDecimal("1100.00")),
                        new PaymentPlanTotal("USD", 1, new BigDecimal("300.00"), new BigDecimal("30.00"))),
                List.of(new PaymentPlanDeal("p1", "anna", LocalDate.parse("2026-11-19"), Money.of("1000.00", "EUR"), 10,
                                new BigDecimal("100.00")),
                        new PaymentPlanDeal("p3", "bob", LocalDate.parse("2026-11-20"), Money.of("300.00", "USD"), 10,
                                new BigDecimal("30.00")),
                        new PaymentPlanDeal("p2", "anna", LocalDate.parse("2026-11-21"), Money.of("2000.00", "EUR"), 50,
                                new BigDecimal("1000.00"))));
    }

    public static PipelineCoverage pipelineCoverage() {
        return new PipelineCoverage("sales", SubjectType.OWNER, "anna", "anna", PeriodType.QUARTER, "2027-Q1", 90,
                "EUR", new BigDecimal("10000.00"), new BigDecimal("4000.00"), new BigDecimal("6000.00"),
                new BigDecimal("2000.00"), 0.3333333333333333, 5, 1, 0.2, 90.0, 5.0);
    }
}
