package dev.salespipeline.query.history.web;

import java.time.Duration;
import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.query.history.ChangeReport;
import dev.salespipeline.query.history.ChangeReportQuery;
import dev.salespipeline.query.history.FindChangeReport;
import dev.salespipeline.query.web.InvalidRequestException;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * What changed in a pipeline between two instants, as {@link ChangeReportQuery} reports it. The span is
 * bounded here ({@link HistoryProperties#maxChangeSpan}), so that one request reads a bounded part of the
 * history.
 */
@RestController
@Tag(name = "Deal history")
class ChangeReportController {

    private final ChangeReportQuery reports;
    private final Duration maxSpan;

    ChangeReportController(ChangeReportQuery reports, HistoryProperties properties) {
        this.reports = reports;
        this.maxSpan = properties.maxChangeSpan();
    }

    @GetMapping("/pipelines/{pipelineId}/changes")
    @Operation(summary = "Deals opened, advanced, moved back, won, lost, pushed out or re-priced between two instants",
            description = "The span from from to to is at most pipeline.history.max-change-span (92 days by "
                    + "default). Paged by deal: a page holds the changes of up to size deals, in the order of "
                    + "their ids; totalDeals counts the changed deals on all pages.")
    ChangeReport changes(
            @PathVariable String pipelineId,
            @Parameter(hidden = true) Actor actor,
            @Parameter(description = "Compare the deals as they stood at this instant (ISO-8601) ...")
            @RequestParam Instant from,
            @Parameter(description = "... with how they stood at this later one") @RequestParam Instant to,
            @Parameter(description = "Which page of changed deals") @RequestParam(defaultValue = "0") @Min(0)
            @Max(100_000) int page,
            @Parameter(description = "Changed deals per page") @RequestParam(defaultValue = "100") @Min(1)
            @Max(500) int size) {
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("from (" + from + ") must be before to (" + to + ")");
        }
        if (Duration.between(from, to).compareTo(maxSpan) > 0) {
            throw new InvalidRequestException("from (" + from + ") to (" + to + ") spans more than " + maxSpan.toDays()
                    + " days, the longest span a change report covers; ask for several shorter spans");
        }
        return reports.find(new FindChangeReport(pipelineId, from, to, page, size), actor)
                .orElseThrow(() -> new NotFoundException("No pipeline " + pipelineId));
    }
}
