package dev.salespipeline.analytics.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.analytics.activity.ManagerActivityTopology;
import dev.salespipeline.analytics.activity.ShiftActivity;
import dev.salespipeline.analytics.conversion.CohortCounts;
import dev.salespipeline.analytics.conversion.ConversionTopology;
import dev.salespipeline.analytics.conversion.OpenedDealsTopology;
import dev.salespipeline.analytics.conversion.StageConversions;
import dev.salespipeline.analytics.forecast.ForecastTopology;
import dev.salespipeline.analytics.forecast.WeightedTotals;
import dev.salespipeline.analytics.pipeline.PipelineDefinitionState;
import dev.salespipeline.analytics.stalled.StalledDealsTopology;
import dev.salespipeline.analytics.stalled.WatchedDeal;
import dev.salespipeline.analytics.velocity.OpenStageCounts;
import dev.salespipeline.analytics.velocity.SalesCycleSketch;
import dev.salespipeline.analytics.velocity.TimeInStageSketches;
import dev.salespipeline.analytics.velocity.VelocityFigures;
import dev.salespipeline.analytics.velocity.VelocityTopology;
import dev.salespipeline.api.metrics.ManagerActivity;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.OpenedDeals;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.SalesCycle;
import dev.salespipeline.api.metrics.SalesVelocity;
import dev.salespipeline.api.metrics.StageAge;
import dev.salespipeline.api.metrics.StageConversion;
import dev.salespipeline.api.metrics.TimeInStage;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.api.metrics.WinRate;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * A read-only look into this instance's state stores, for debugging. Dashboards read metrics from
 * query-service; a store here holds only the partitions this instance owns.
 */
@RestController
@Tag(name = "State", description = "Interactive queries on this instance's state stores")
class StateController {

    private final AnalyticsStreams streams;
    private final Clock clock = Clock.systemUTC();

    StateController(AnalyticsStreams streams) {
        this.streams = streams;
    }

    @GetMapping("/state")
    @Operation(summary = "State of the Kafka Streams instance")
    KafkaStreams.State state() {
        return streams.state();
    }

    @GetMapping("/state/opened-deals/{pipelineId}")
    @Operation(summary = "Deals opened in a pipeline, if this instance owns its partition")
    OpenedDeals openedDeals(@PathVariable String pipelineId) {
        Long count = streams.<Long>keyValueStore(OpenedDealsTopology.OPENED_PER_PIPELINE_STORE).get(pipelineId);
        return new OpenedDeals(pipelineId, count == null ? 0 : count);
    }

    @GetMapping("/state/conversion/{pipelineId}")
    @Operation(summary = "Stage conversion of a cohort (owner and channel omitted: all), if this instance owns its partition")
    ResponseEntity<StageConversion> conversion(@PathVariable String pipelineId, @RequestParam(required = false) String ownerId,
                               @RequestParam(required = false) String sourceChannel,
                               @RequestParam PeriodType periodType, @RequestParam String period) {
        MetricKey key = new MetricKey(pipelineId, ownerId, sourceChannel, periodType, period);
        // worked out from the cohort as counted, as the row is before it is written
        CohortCounts counts = streams.<CohortCounts>keyValueStore(ConversionTopology.COHORT_STORE).get(key.asString());
        PipelineDefinitionState pipeline = counts == null ? null
                : streams.<PipelineDefinitionState>keyValueStore(ConversionTopology.PIPELINES_STORE).get(pipelineId);
        return ResponseEntity.ofNullable(pipeline == null ? null : StageConversions.of(counts, pipeline.definition()));
    }

    @GetMapping("/state/win-rate/{pipelineId}")
    @Operation(summary = "Win rate of a period (owner and channel omitted: all), if this instance owns its partition")
    ResponseEntity<WinRate> winRate(@PathVariable String pipelineId, @RequestParam(required = false) String ownerId,
                    @RequestParam(required = false) String sourceChannel,
                    @RequestParam PeriodType periodType, @RequestParam String period) {
        MetricKey key = new MetricKey(pipelineId, ownerId, sourceChannel, periodType, period);
        return ResponseEntity.ofNullable(
                streams.<WinRate>keyValueStore(ConversionTopology.WIN_RATE_STORE).get(key.asString()));
    }

    @GetMapping("/state/stalled-deals/{dealId}")
    @Operation(summary = "An open deal as the stalled-deal check sees it (limits, latest activity, the alert raised), if this instance owns its partition")
    ResponseEntity<WatchedDeal> stalledDeal(@PathVariable String dealId) {
        return ResponseEntity.ofNullable(
                streams.<WatchedDeal>keyValueStore(StalledDealsTopology.WATCHED_STORE).get(dealId));
    }

    @GetMapping("/state/time-in-stage/{pipelineId}")
    @Operation(summary = "Time in stage of the deals that left each stage in a period (owner and channel omitted: all), if this instance owns its partition")
    ResponseEntity<TimeInStage> timeInStage(@PathVariable String pipelineId, @RequestParam(required = false) String ownerId,
                                            @RequestParam(required = false) String sourceChannel,
                                            @RequestParam PeriodType periodType, @RequestParam String period) {
        MetricKey key = new MetricKey(pipelineId, ownerId, sourceChannel, periodType, period);
        return lookUp(VelocityTopology.TIME_IN_STAGE_STORE, key.asString(), TimeInStageSketches::metric);
    }

    /**
     * The open deals per stage with their mean age now: the published record carries when they entered the
     * stage on average, and the age is worked out here, on read, from this instance's clock.
     */
    @GetMapping("/state/stage-age/{pipelineId}")
    @Operation(summary = "Open deals per stage and their mean age now (owner and channel omitted: all), if this instance owns its partition")
    ResponseEntity<StageAgeNow> stageAge(@PathVariable String pipelineId, @RequestParam(required = false) String ownerId,
                                         @RequestParam(required = false) String sourceChannel) {
        return lookUp(VelocityTopology.STAGE_AGE_STORE, StageAge.key(pipelineId, ownerId, sourceChannel),
                (OpenStageCounts counts) -> StageAgeNow.of(counts.metric(), clock.instant()));
    }

    @GetMapping("/state/sales-cycle/{pipelineId}")
    @Operation(summary = "Sales cycle of the deals won in a period (owner and channel omitted: all), if this instance owns its partition")
    ResponseEntity<SalesCycle> salesCycle(@PathVariable String pipelineId, @RequestParam(required = false) String ownerId,
                                          @RequestParam(required = false) String sourceChannel,
                                          @RequestParam PeriodType periodType, @RequestParam String period) {
        MetricKey key = new MetricKey(pipelineId, ownerId, sourceChannel, periodType, period);
        return lookUp(VelocityTopology.SALES_CYCLE_STORE, key.asString(), SalesCycleSketch::metric);
    }

    @GetMapping("/state/sales-velocity/{pipelineId}")
    @Operation(summary = "Sales velocity of a period in one currency (owner and channel omitted: all), if this instance owns its partition")
    ResponseEntity<SalesVelocity> salesVelocity(@PathVariable String pipelineId,
                                                @RequestParam(required = false) String ownerId,
                                                @RequestParam(required = false) String sourceChannel,
                                                @RequestParam PeriodType periodType, @RequestParam String period,
                                                @RequestParam String currency) {
        MetricKey key = new MetricKey(pipelineId, ownerId, sourceChannel, periodType, period);
        return lookUp(VelocityTopology.VELOCITY_STORE, SalesVelocity.key(key, currency), VelocityFigures::metric);
    }

    @GetMapping("/state/weighted-pipeline/{pipelineId}")
    @Operation(summary = "Weighted pipeline of an expected close period in one currency (owner and channel omitted: all; "
            + "period none: deals without a date), if this instance owns its partition")
    ResponseEntity<WeightedPipeline> weightedPipeline(@PathVariable String pipelineId,
                                                      @RequestParam(required = false) String ownerId,
                                                      @RequestParam(required = false) String sourceChannel,
                                                      @RequestParam PeriodType periodType, @RequestParam String period,
                                                      @RequestParam String currency) {
        MetricKey key = new MetricKey(pipelineId, ownerId, sourceChannel, periodType, period);
        return lookUp(ForecastTopology.WEIGHTED_STORE, WeightedPipeline.key(key, currency), WeightedTotals::metric);
    }

    @GetMapping("/state/manager-activity/{pipelineId}")
    @Operation(summary = "What a person did in a period (pipeline * for all pipelines), if this instance owns its partition")
    ResponseEntity<ManagerActivity> managerActivity(@PathVariable String pipelineId, @RequestParam String personId,
                                                    @RequestParam PeriodType periodType, @RequestParam String period) {
        return lookUp(ManagerActivityTopology.METRICS_STORE,
                ManagerActivity.key(pipelineId, personId, periodType, period), ShiftActivity::metric);
    }

    /** The value of a key in one of this instance's stores, as the figure the published record holds; 404 if none. */
    private <S, F> ResponseEntity<F> lookUp(String store, String key, Function<S, F> figure) {
        S value = streams.<S>keyValueStore(store).get(key);
        return ResponseEntity.ofNullable(value == null ? null : figure.apply(value));
    }

    /** A {@link StageAge} with each stage's mean age at {@code asOf}. */
    record StageAgeNow(String pipelineId, String ownerId, String sourceChannel, Instant asOf, List<Stage> stages) {

        record Stage(String stageId, long openDeals, Instant averageEnteredAt, long averageAgeSeconds) {
        }

        static StageAgeNow of(StageAge age, Instant now) {
            return new StageAgeNow(age.pipelineId(), age.ownerId(), age.sourceChannel(), now, age.stages().stream()
                    .map(stage -> new Stage(stage.stageId(), stage.openDeals(), stage.averageEnteredAt(),
                            stage.averageAgeAt(now).toSeconds()))
                    .toList());
        }
    }

    @ExceptionHandler(InvalidStateStoreException.class)
    ProblemDetail notQueryable(InvalidStateStoreException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "State stores are not queryable now (starting or rebalancing): " + ex.getMessage());
        problem.setTitle("State not available");
        return problem;
    }
}
