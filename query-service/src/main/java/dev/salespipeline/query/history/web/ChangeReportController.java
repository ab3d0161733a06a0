package dev.salespipeline.query.history.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.query.history.projection.DealVersion;
import dev.salespipeline.query.pipeline.projection.PipelineView;
import dev.salespipeline.query.web.InvalidRequestException;
import dev.salespipeline.query.web.NotFoundException;
import dev.salespipeline.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * What changed in a pipeline between two instants. The report compares each deal as it stood at
 * {@code from} (its latest version valid then) with the deal as it stood at {@code to}; what happened in
 * between and cancelled out (moved forward and back again) does not show. Business time decides.
 * <ul>
 * <li><b>opened</b>: no version at {@code from}, one in this pipeline at {@code to}, whatever its status
 * then;</li>
 * <li><b>won</b> / <b>lost</b>: in this pipeline at {@code to} with status WON / LOST, and not so at
 * {@code from} (or not opened yet);</li>
 * <li><b>advanced</b> / <b>movedBack</b>: open in this pipeline at both, in a stage further on / further back
 * in the pipeline's current order; a stage removed since has no place in it and counts neither way;</li>
 * <li><b>closeDatePushedOut</b>: in this pipeline at {@code to}, with an expected close date at both and a
 * later one at {@code to};</li>
 * <li><b>amountChanged</b>: in this pipeline at {@code to}, with an amount at {@code to} different from the
 * one at {@code from} (in value or currency, or set or cleared).</li>
 * </ul>
 * A deal can be in several lists: opened and won, advanced and amount changed. A deal transferred to another
 * pipeline by {@code to} is in none of this pipeline's lists. Which deals the caller sees follows who the
 * deals belong to now, as in the live lists.
 */
@RestController
@Tag(name = "Deal history")
class ChangeReportController {

    private final MongoTemplate mongo;
    private final DealVersionsAsOf versions;

    ChangeReportController(MongoTemplate mongo, DealVersionsAsOf versions) {
        this.mongo = mongo;
        this.versions = versions;
    }

    @GetMapping("/pipelines/{pipelineId}/changes")
    @Operation(summary = "Deals opened, advanced, moved back, won, lost, pushed out or re-priced between two instants")
    ChangeReport changes(
            @PathVariable String pipelineId,
            @Parameter(hidden = true) Actor actor,
            @Parameter(description = "Compare the deals as they stood at this instant (ISO-8601) ...")
            @RequestParam Instant from,
            @Parameter(description = "... with how they stood at this later one") @RequestParam Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidRequestException("from (" + from + ") must be before to (" + to + ")");
        }
        PipelineView pipeline = mongo.findById(pipelineId, PipelineView.class);
        if (pipeline == null) {
            throw new NotFoundException("No pipeline " + pipelineId);
        }
        List<String> candidates = versions.dealsOf(pipelineId, to);
        Map<String, DealVersion> atFrom = versions.asOf(candidates, from);
        Map<String, DealVersion> atTo = versions.asOf(candidates, to);
        Set<String> listed = versions.listedFor(actor, atTo.keySet());

        Report report = new Report(pipeline);
        atTo.keySet().stream().sorted().filter(listed::contains)
                .forEach(dealId -> report.compare(atFrom.get(dealId), atTo.get(dealId)));
        return new ChangeReport(from, to, report.opened, report.advanced, report.movedBack, report.won,
                report.lost, report.closeDatePushedOut, report.amountChanged);
    }

    /** The lists, filled one deal at a time. */
    private static final class Report {
        private final PipelineView pipeline;
        private final List<ChangeReport.ChangedDeal> opened = new ArrayList<>();
        private final List<ChangeReport.ChangedDeal> advanced = new ArrayList<>();
        private final List<ChangeReport.ChangedDeal> movedBack = new ArrayList<>();
        private final List<ChangeReport.ChangedDeal> won = new ArrayList<>();
        private final List<ChangeReport.ChangedDeal> lost = new ArrayList<>();
        private final List<ChangeReport.ChangedDeal> closeDatePushedOut = new ArrayList<>();
        private final List<ChangeReport.ChangedDeal> amountChanged = new ArrayList<>();

        Report(PipelineView pipeline) {
            this.pipeline = pipeline;
        }

        /**
         * Sorts one deal into the lists by comparing its state at {@code from} (null: not opened yet) with
         * its state at {@code to}: opened = none then; won / lost = status became WON / LOST; advanced / moved
         * back = open at both and further on / back in the current stage order; close date pushed out = a
         * later date; amount changed = a different amount.
         */
        void compare(DealVersion before, DealVersion after) {
            if (!pipeline.pipelineId().equals(after.pipelineId())) {
                return;
            }
            boolean wasHere = before != null && pipeline.pipelineId().equals(before.pipelineId());
            if (before == null) {
                opened.add(stages(after, null, after).amounts(null, after.amount()).build());
            }
            if (DealVersion.WON.equals(after.status()) && (before == null || !DealVersion.WON.equals(before.status()))) {
                won.add(stages(after, wasHere ? before : null, after).amounts(null, after.amount()).build());
            }
            if (DealVersion.LOST.equals(after.status())
                    && (before == null || !DealVersion.LOST.equals(before.status()))) {
                lost.add(stages(after, wasHere ? before : null, after).amounts(null, after.amount()).build());
            }
            if (wasHere && before.isOpen() && after.isOpen()) {
                int was = pipeline.position(before.stageId());
                int is = pipeline.position(after.stageId());
                if (was >= 0 && is > was) {
                    advanced.add(stages(after, before, after).build());
                } else if (is >= 0 && was > is) {
                    movedBack.add(stages(after, before, after).build());
                }
            }
            if (before == null) {
                return;
            }
            if (before.expectedCloseDate() != null && after.expectedCloseDate() != null
                    && after.expectedCloseDate().isAfter(before.expectedCloseDate())) {
                closeDatePushedOut.add(new Entry(after).closeDates(before, after).build());
            }
            if (!sameAmount(before.amount(), after.amount())) {
                amountChanged.add(new Entry(after).amounts(before.amount(), after.amount()).build());
            }
        }

        private Entry stages(DealVersion deal, DealVersion before, DealVersion after) {
            Entry entry = new Entry(deal);
            if (before != null) {
                entry.fromStageId = before.stageId();
                entry.fromStageName = name(before.stageId());
            }
            entry.toStageId = after.stageId();
            entry.toStageName = name(after.stageId());
            return entry;
        }

        private String name(String stageId) {
            return pipeline.stage(stageId).map(PipelineView.Stage::name).orElse(stageId);
        }

        private static boolean sameAmount(Money before, Money after) {
            return before == null ? after == null : before.sameValueAs(after);
        }
    }

    /** One deal's line in a list, filled with what the list is about. */
    private static final class Entry {
        private final DealVersion deal;
        private String fromStageId;
        private String fromStageName;
        private String toStageId;
        private String toStageName;
        private LocalDate fromCloseDate;
        private LocalDate toCloseDate;
        private Money fromAmount;
        private Money toAmount;

        Entry(DealVersion deal) {
            this.deal = Objects.requireNonNull(deal);
        }

        Entry closeDates(DealVersion before, DealVersion after) {
            fromCloseDate = before.expectedCloseDate();
            toCloseDate = after.expectedCloseDate();
            return this;
        }

        Entry amounts(Money before, Money after) {
            fromAmount = before;
            toAmount = after;
            return this;
        }

        ChangeReport.ChangedDeal build() {
            return new ChangeReport.ChangedDeal(deal.dealId(), deal.title(), deal.ownerId(), fromStageId,
                    fromStageName, toStageId, toStageName, fromCloseDate, toCloseDate, fromAmount, toAmount);
        }
    }
}
