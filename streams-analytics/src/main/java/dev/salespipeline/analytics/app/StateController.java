package dev.salespipeline.analytics.app;

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

import dev.salespipeline.analytics.conversion.ConversionTopology;
import dev.salespipeline.analytics.conversion.OpenedDealsTopology;
import dev.salespipeline.analytics.stalled.StalledDealsTopology;
import dev.salespipeline.analytics.stalled.WatchedDeal;
import dev.salespipeline.api.metrics.MetricKey;
import dev.salespipeline.api.metrics.OpenedDeals;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.StageConversion;
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
        return ResponseEntity.ofNullable(
                streams.<StageConversion>keyValueStore(ConversionTopology.CONVERSION_STORE).get(key.asString()));
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

    @ExceptionHandler(InvalidStateStoreException.class)
    ProblemDetail notQueryable(InvalidStateStoreException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "State stores are not queryable now (starting or rebalancing): " + ex.getMessage());
        problem.setTitle("State not available");
        return problem;
    }
}
