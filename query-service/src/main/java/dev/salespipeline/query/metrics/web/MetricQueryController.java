package dev.salespipeline.query.metrics.web;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.metrics.FindMetricValues;
import dev.salespipeline.query.metrics.MetricQuery;
import dev.salespipeline.query.metrics.MetricTopics;
import dev.salespipeline.query.metrics.MetricValue;
import dev.salespipeline.api.metrics.PeriodType;
import dev.salespipeline.api.metrics.WeightedPipeline;
import dev.salespipeline.query.web.InvalidRequestException;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

@RestController
@Tag(name = "Metrics", description = "Live metrics computed by streams-analytics")
class MetricQueryController {

    private final MetricQuery metrics;

    MetricQueryController(MetricQuery metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/metrics/{metric}")
    @Operation(summary = "The latest values of a metric, narrowed by its cut dimensions",
            description = "Each value as streams-analytics last published it for its key, of the rows the caller "
                    + "may see: a row cut by owner to the owner, the managers of the owner's team, viewers and admins; "
                    + "a row for all owners to everyone, with the deals listed in it cut to those the caller may see "
                    + "and its totals worked out again; a coverage row as its target. A filter on a dimension leaves "
                    + "out values that do not carry that dimension.")
    List<MetricValue> values(
            @Parameter(hidden = true) Actor actor,
            @Parameter(description = "The metric family, for example opened-deals") @PathVariable String metric,
            @Parameter(description = "Only values of this pipeline") @RequestParam(required = false) String pipelineId,
            @Parameter(description = "Only values of this owner") @RequestParam(required = false) String ownerId,
            @Parameter(description = "Only values of this source channel") @RequestParam(required = false)
            String sourceChannel,
            @Parameter(description = "Only values per day, week, month or quarter") @RequestParam(required = false)
            PeriodType periodType,
            @Parameter(description = "Only values of this period: 2026-11-16, 2026-W47, 2026-11 or 2026-Q4 "
                    + "(none: the weighted pipeline of deals without an expected close date)")
            @RequestParam(required = false) String period,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        if (!MetricTopics.isKnown(metric)) {
            throw new NotFoundException("No metric " + metric + "; known are " + MetricTopics.families());
        }
        if (period != null && !validPeriod(periodType, period)) {
            throw new InvalidRequestException("period " + period + " does not name a "
                    + (periodType == null ? "day, week, month or quarter" : periodType.name().toLowerCase(java.util.Locale.ROOT)));
        }
        return metrics.find(new FindMetricValues(metric, pipelineId, ownerId, sourceChannel, periodType, period, page,
                size), actor);
    }

    private static boolean validPeriod(PeriodType periodType, String period) {
        if (WeightedPipeline.NO_DATE.equals(period)) {
            // The weighted pipeline's deals without an expected close date, under every period type.
            return true;
        }
        if (periodType != null) {
            return periodType.names(period);
        }
        for (PeriodType type : PeriodType.values()) {
            if (type.names(period)) {
                return true;
            }
        }
        return false;
    }
}
