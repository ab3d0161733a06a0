package dev.salespipeline.api;

import java.util.List;
import java.util.Map;

/**
 * Kafka topics that form the public contract between the services and with integrations.
 * Names carry a version suffix: a breaking change to a topic's contract gets a new topic.
 */
public final class Topics {

    /**
     * Settings every service applies when it creates {@link #PIPELINE_EVENTS} (whichever starts first
     * creates it; brokers must not create topics on demand). Partitions are set per deployment, 6 by default.
     */
    public static final Map<String, String> PIPELINE_EVENTS_CONFIG = Map.of(
            "retention.ms", "-1",
            "retention.bytes", "-1");

    /** Default partition count of {@link #PIPELINE_EVENTS}; the unit of parallelism of every consumer. */
    public static final int PIPELINE_EVENTS_DEFAULT_PARTITIONS = 6;

    /**
     * Every event of every aggregate, as an {@link dev.salespipeline.api.envelope.EventEnvelope}.
     * Key: the aggregate id, so that events of one deal stay in order on one partition.
     * Retention: forever (the topic is a replayable copy of the event store).
     */
    public static final String PIPELINE_EVENTS = "pipeline.events.v1";

    /**
     * Deals opened per pipeline, as {@link dev.salespipeline.api.metrics.OpenedDeals}, computed by
     * streams-analytics. Key: the pipeline id. Compacted: the latest value per pipeline is the metric.
     */
    public static final String METRICS_OPENED_DEALS = "pipeline.metrics.opened-deals.v1";

    /**
     * Stage conversion per cohort of deals, as {@link dev.salespipeline.api.metrics.StageConversion}, computed by
     * streams-analytics. Key: {@link dev.salespipeline.api.metrics.MetricKey#asString()}
     * ({@code pipelineId|ownerId or *|sourceChannel or *|periodType|period}, the period the cohort started in).
     * Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_CONVERSION = "pipeline.metrics.conversion.v1";

    /**
     * Win rate over deals closed per period, as {@link dev.salespipeline.api.metrics.WinRate}, computed by
     * streams-analytics. Key: {@link dev.salespipeline.api.metrics.MetricKey#asString()} (the period the deals
     * were closed in). Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_WIN_RATE = "pipeline.metrics.win-rate.v1";

    /**
     * Time in stage per period the deals last left the stage, as {@link dev.salespipeline.api.metrics.TimeInStage},
     * computed by streams-analytics. Key: {@link dev.salespipeline.api.metrics.MetricKey#asString()}.
     * Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_TIME_IN_STAGE = "pipeline.metrics.time-in-stage.v1";

    /**
     * Open deals per stage now, with when they entered it on average, as
     * {@link dev.salespipeline.api.metrics.StageAge}, computed by streams-analytics. Key:
     * {@link dev.salespipeline.api.metrics.StageAge#key} ({@code pipelineId|ownerId or *|sourceChannel or *}, no
     * period). Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_STAGE_AGE = "pipeline.metrics.stage-age.v1";

    /**
     * Sales cycle length over the deals won per period, as {@link dev.salespipeline.api.metrics.SalesCycle},
     * computed by streams-analytics. Key: {@link dev.salespipeline.api.metrics.MetricKey#asString()} (the period
     * the deals were won in). Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_SALES_CYCLE = "pipeline.metrics.sales-cycle.v1";

    /**
     * Sales velocity per period and currency, as {@link dev.salespipeline.api.metrics.SalesVelocity}, computed by
     * streams-analytics. Key: {@link dev.salespipeline.api.metrics.SalesVelocity#key}
     * ({@code pipelineId|ownerId or *|sourceChannel or *|periodType|period|currency}). Compacted: the latest value
     * per key is the metric.
     */
    public static final String METRICS_SALES_VELOCITY = "pipeline.metrics.sales-velocity.v1";

    /**
     * Weighted pipeline per expected close period and currency, as
     * {@link dev.salespipeline.api.metrics.WeightedPipeline}, computed by streams-analytics. Key:
     * {@link dev.salespipeline.api.metrics.WeightedPipeline#key}
     * ({@code pipelineId|ownerId or *|sourceChannel or *|periodType|period|currency}, the period of the expected
     * close date, {@code none} for deals without one). Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_WEIGHTED_PIPELINE = "pipeline.metrics.weighted-pipeline.v1";

    /**
     * The payment plan (open deals expected to close tomorrow and this week) per pipeline and owner, as
     * {@link dev.salespipeline.api.metrics.PaymentPlan}, computed by streams-analytics. Key:
     * {@link dev.salespipeline.api.metrics.PaymentPlan#key} ({@code pipelineId|ownerId or *}, no period: the
     * plan is for the company's today). Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_PAYMENT_PLAN = "pipeline.metrics.payment-plan.v1";

    /**
     * Pipeline coverage per sales target, as {@link dev.salespipeline.api.metrics.PipelineCoverage}, computed by
     * streams-analytics. Key: {@link dev.salespipeline.api.metrics.PipelineCoverage#key}
     * ({@code pipelineId|*|*|periodType|period|owner:<id> or team:<id>}). Compacted: the latest value per key is
     * the metric; a withdrawn target's key gets a tombstone.
     */
    public static final String METRICS_COVERAGE = "pipeline.metrics.coverage.v1";

    /**
     * What each person did per shift (calls, talk time, successful contacts, emails, cards changed, tasks
     * rescheduled without activity), per pipeline and for all pipelines, as
     * {@link dev.salespipeline.api.metrics.ManagerActivity}, computed by streams-analytics. Key:
     * {@link dev.salespipeline.api.metrics.ManagerActivity#key} ({@code pipelineId or *|personId|*|periodType|period},
     * the period the work was done in). Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_MANAGER_ACTIVITY = "pipeline.metrics.manager-activity.v1";

    /**
     * What a manager sees of each owner's book of deals per working day, as
     * {@link dev.salespipeline.api.metrics.OwnerBook}, computed by streams-analytics: open deals, those without a
     * next action, overdue tasks, the bottleneck stage. Key: {@link dev.salespipeline.api.metrics.MetricKey#asString()}
     * with period type {@code DAY} (the company's current day; a past day keeps its figures as of its end).
     * Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_OWNER_BOOK = "pipeline.metrics.owner-book.v1";

    /**
     * Average deal size per period and currency, won in the period and open now, as
     * {@link dev.salespipeline.api.metrics.DealSize}, computed by streams-analytics. Key:
     * {@link dev.salespipeline.api.metrics.DealSize#key}
     * ({@code pipelineId|ownerId or *|sourceChannel or *|periodType|period|currency}). Compacted: the latest value
     * per key is the metric.
     */
    public static final String METRICS_DEAL_SIZE = "pipeline.metrics.deal-size.v1";

    /**
     * Customer acquisition cost per channel, month or quarter and currency (spend, deals opened and won, cost per
     * lead and per won deal), as {@link dev.salespipeline.api.metrics.AcquisitionCost}, computed by
     * streams-analytics. Key: {@link dev.salespipeline.api.metrics.AcquisitionCost#key}
     * ({@code pipelineId|*|sourceChannel or *|periodType|period|currency}). Compacted: the latest value per key is
     * the metric; a key whose spend is all withdrawn gets a tombstone.
     */
    public static final String METRICS_ACQUISITION_COST = "pipeline.metrics.acquisition-cost.v1";

    /**
     * What the company's speech dictionaries found in each person's calls per shift (calls checked, calls with a
     * stop word, a complaint or profanity, matches per list), per pipeline and for all pipelines, as
     * {@link dev.salespipeline.api.metrics.CallQuality}, computed by streams-analytics. Key: as
     * {@link #METRICS_MANAGER_ACTIVITY}'s. Compacted: the latest value per key is the metric.
     */
    public static final String METRICS_CALL_QUALITY = "pipeline.metrics.call-quality.v1";

    /**
     * Every metric topic, each named {@code pipeline.metrics.<family>.v<n>}, keyed and compacted so that
     * the latest value per key is the metric. A new metric family adds its topic here.
     */
    public static final List<String> METRICS_TOPICS = List.of(METRICS_OPENED_DEALS, METRICS_CONVERSION,
            METRICS_WIN_RATE, METRICS_TIME_IN_STAGE, METRICS_STAGE_AGE, METRICS_SALES_CYCLE, METRICS_SALES_VELOCITY,
            METRICS_WEIGHTED_PIPELINE, METRICS_PAYMENT_PLAN, METRICS_COVERAGE,
            METRICS_MANAGER_ACTIVITY, METRICS_OWNER_BOOK, METRICS_DEAL_SIZE, METRICS_ACQUISITION_COST,
            METRICS_CALL_QUALITY);

    /**
     * Stalled-deal alerts, as {@link dev.salespipeline.api.alerts.StalledDealAlert}, raised and cleared by
     * streams-analytics. Key: the deal id. Compacted: the latest record per deal is its current alert (RAISED
     * while it is stalled); a CLEARED record stays as the deal's last word until the deal stalls again.
     */
    public static final String ALERTS_STALLED_DEALS = "pipeline.alerts.stalled-deals.v1";

    /**
     * Every alert topic, each named {@code pipeline.alerts.<kind>.v<n>}, keyed by the thing the alert is about
     * and compacted. Not metric topics: their keys are not {@link dev.salespipeline.api.metrics.MetricKey}s.
     */
    public static final List<String> ALERT_TOPICS = List.of(ALERTS_STALLED_DEALS);

    /**
     * Calls and emails reported by telephony and email systems, as {@link dev.salespipeline.api.activity.ActivityReport}
     * JSON. Key: the source system's external id (any key works; records of one key stay in order).
     * Consumed by command-service, which records each report once.
     */
    public static final String ACTIVITY_INGEST = "activities.ingest.v1";

    /** Default partition count of {@link #ACTIVITY_INGEST}. */
    public static final int ACTIVITY_INGEST_DEFAULT_PARTITIONS = 3;

    /**
     * Reports from {@link #ACTIVITY_INGEST} that could not be recorded, unchanged (same key and value), with
     * {@link #REJECT_REASON_HEADER} and {@link #REJECT_DETAIL_HEADER} saying why and the source topic,
     * partition and offset in Spring Kafka's {@code kafka_dlt-original-*} headers. Kept for 30 days.
     */
    public static final String ACTIVITY_INGEST_DEAD_LETTERS = ACTIVITY_INGEST + ".dlt";

    /**
     * Header on a dead-lettered report: a stable reason code ({@code malformed-json}, {@code missing-field},
     * {@code invalid-field}, {@code unknown-value}, {@code future-timestamp}, {@code unknown-deal}).
     */
    public static final String REJECT_REASON_HEADER = "x-reject-reason";

    /** Header on a dead-lettered report: the reason in words, naming the field at fault. */
    public static final String REJECT_DETAIL_HEADER = "x-reject-detail";

    /**
     * Events whose activity command-service could not put on its deal's timeline, because the deal refused it for
     * good (a rule, a policy, a deal that does not exist), as {@link dev.salespipeline.api.deadletter.ProcessorDeadLetter}
     * with the event's payload. Key: the activity id. Headers: {@link #REJECT_REASON_HEADER},
     * {@link #REJECT_DETAIL_HEADER}, {@link #EXCEPTION_CLASS_HEADER}, {@link #EXCEPTION_MESSAGE_HEADER} and the
     * event's position ({@link #EVENT_ID_HEADER}, {@link #AGGREGATE_ID_HEADER}, {@link #AGGREGATE_SEQUENCE_HEADER},
     * {@link #GLOBAL_POSITION_HEADER}). Kept for 30 days.
     */
    public static final String ACTIVITY_DELIVERY_DEAD_LETTERS = "activities.delivery.v1.dlt";

    /**
     * Events of the store that could not be published to {@link #PIPELINE_EVENTS} because Kafka refuses them for
     * good (too large, not serializable, topic invalid or not writable), as
     * {@link dev.salespipeline.api.deadletter.ProcessorDeadLetter} without the event's body but with its size. Key:
     * the aggregate id. Headers as on {@link #ACTIVITY_DELIVERY_DEAD_LETTERS}. Kept for 30 days; the event itself
     * stays in the event store.
     */
    public static final String PUBLISHER_DEAD_LETTERS = PIPELINE_EVENTS + ".publisher.dlt";

    /** Every dead-letter topic of command-service. */
    public static final List<String> DEAD_LETTER_TOPICS = List.of(ACTIVITY_INGEST_DEAD_LETTERS,
            ACTIVITY_DELIVERY_DEAD_LETTERS, PUBLISHER_DEAD_LETTERS);

    /** Header on every dead letter: the class of the exception that decided (Spring Kafka's header name). */
    public static final String EXCEPTION_CLASS_HEADER = "kafka_dlt-exception-fqcn";

    /** Header on every dead letter: that exception's message (Spring Kafka's header name). */
    public static final String EXCEPTION_MESSAGE_HEADER = "kafka_dlt-exception-message";

    /** Header on a dead-lettered event: its event id, as in the envelope's {@code eventId}. */
    public static final String EVENT_ID_HEADER = "x-event-id";

    /** Header on a dead-lettered event: its type, as in the envelope's {@code type}. */
    public static final String EVENT_TYPE_HEADER = "x-event-type";

    /** Header on a dead-lettered event: its aggregate id. */
    public static final String AGGREGATE_ID_HEADER = "x-aggregate-id";

    /** Header on a dead-lettered event: its sequence number within its aggregate. */
    public static final String AGGREGATE_SEQUENCE_HEADER = "x-aggregate-sequence";

    /** Header on a dead-lettered event: its position in the event store, as in the envelope's {@code globalSequence}. */
    public static final String GLOBAL_POSITION_HEADER = "x-global-position";

    private Topics() {
    }
}
