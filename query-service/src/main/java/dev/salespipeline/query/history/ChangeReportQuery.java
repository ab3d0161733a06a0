package dev.salespipeline.query.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import dev.salespipeline.api.deal.Money;
import dev.salespipeline.query.access.Visibility;
import dev.salespipeline.query.history.projection.DealVersion;
import dev.salespipeline.query.pipeline.projection.PipelineView;
import dev.salespipeline.security.Actor;

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
 * deals belong to now ({@link Visibility#deal}). The report is paged by deal, and the controller bounds the
 * span, so that one request reads a bounded part of the history: the versions that began within the span
 * ({@link DealVersionsAsOf#changedIn}) and, by id, the version each changed deal stood at {@code from}
 * ({@link DealVersionsAsOf#before}).
 */
@Component
public class ChangeReportQuery {

    private final MongoTemplate mongo;
    private final DealVersionsAsOf versions;

    ChangeReportQuery(MongoTemplate mongo, DealVersionsAsOf versions) {
        this.mongo = mongo;
        this.versions = versions;
    }

    /**
     * One page of the report, or empty when there is no such pipeline. The span is not checked here: the
     * caller bounds it.
     */
    public Optional<ChangeReport> find(FindChangeReport request, Actor actor) {
        String pipelineId = request.pipelineId();
        Instant from = request.from();
        Instant to = request.to();
        int page = request.page();
        int size = request.size();
        PipelineView pipeline = mongo.findById(pipelineId, PipelineView.class);
        if (pipeline == null) {
            return Optional.empty();
        }
        DealVersionsAsOf.Changed changed = versions.changedIn(pipelineId, from, to);
        Set<String> listed = versions.readable(actor, changed.atTo().keySet());
        Map<String, DealVersion> atTo = new TreeMap<>(changed.atTo());
        atTo.keySet().retainAll(listed);
        List<DealVersion> firsts = atTo.keySet().stream().map(changed.firsts()::get).toList();
        Map<String, DealVersion> atFrom = versions.before(firsts, from);
        List<String> shown = List.copyOf(atTo.keySet());

        Report report = new Report(pipeline);
        List<Report.Lines> lined = shown.stream()
                .map(dealId -> report.compare(atFrom.get(dealId), atTo.get(dealId)))
                .filter(lines -> !lines.isEmpty())
                .toList();
        int first = (int) Math.min((long) page * size, lined.size());
        Report.Lines.Page lines = Report.Lines.page(lined.subList(first, Math.min(first + size, lined.size())));
        return Optional.of(new ChangeReport(from, to, lines.opened(), lines.advanced(), lines.movedBack(),
                lines.won(), lines.lost(), lines.closeDatePushedOut(), lines.amountChanged(), page, size,
                lined.size()));
    }

    /** Sorts deals into the lists, one deal at a time. */
    private static final class Report {
        private final PipelineView pipeline;

        /** One deal's lines, each null when the deal is not in that list. */
        private static final class Lines {
            private ChangeReport.ChangedDeal opened;
            private ChangeReport.ChangedDeal advanced;
            private ChangeReport.ChangedDeal movedBack;
            private ChangeReport.ChangedDeal won;
            private ChangeReport.ChangedDeal lost;
            private ChangeReport.ChangedDeal closeDatePushedOut;
            private ChangeReport.ChangedDeal amountChanged;

            boolean isEmpty() {
                return opened == null && advanced == null && movedBack == null && won == null && lost == null
                        && closeDatePushedOut == null && amountChanged == null;
            }

            record Page(List<ChangeReport.ChangedDeal> opened, List<ChangeReport.ChangedDeal> advanced,
                        List<ChangeReport.ChangedDeal> movedBack, List<ChangeReport.ChangedDeal> won,
                        List<ChangeReport.ChangedDeal> lost, List<ChangeReport.ChangedDeal> closeDatePushedOut,
                        List<ChangeReport.ChangedDeal> amountChanged) {
            }

            static Page page(List<Lines> deals) {
                return new Page(collect(deals, lines -> lines.opened), collect(deals, lines -> lines.advanced),
                        collect(deals, lines -> lines.movedBack), collect(deals, lines -> lines.won),
                        collect(deals, lines -> lines.lost), collect(deals, lines -> lines.closeDatePushedOut),
                        collect(deals, lines -> lines.amountChanged));
            }

            private static List<ChangeReport.ChangedDeal> collect(List<Lines> deals,
                                                                 Function<Lines, ChangeReport.ChangedDeal> list) {
                return deals.stream().map(list).filter(Objects::nonNull).toList();
            }
        }

        Report(PipelineView pipeline) {
            this.pipeline = pipeline;
        }

        /**
         * Sorts one deal into the lists by comparing its state at {@code from} (null: not opened yet) with
         * its state at {@code to}: opened = none then; won / lost = status became WON / LOST; advanced / moved
         * back = open at both and further on / back in the current stage order; close date pushed out = a
         * later date; amount changed = a different amount.
         */
        Lines compare(DealVersion before, DealVersion after) {
            Lines lines = new Lines();
            if (!pipeline.pipelineId().equals(after.pipelineId())) {
                return lines;
            }
            boolean wasHere = before != null && pipeline.pipelineId().equals(before.pipelineId());
            if (before == null) {
                lines.opened = stages(after, null, after).amounts(null, after.amount()).build();
            }
            if (DealVersion.WON.equals(after.status()) && (before == null || !DealVersion.WON.equals(before.status()))) {
                lines.won = stages(after, wasHere ? before : null, after).amounts(null, after.amount()).build();
            }
            if (DealVersion.LOST.equals(after.status())
                    && (before == null || !DealVersion.LOST.equals(before.status()))) {
                lines.lost = stages(after, wasHere ? before : null, after).amounts(null, after.amount()).build();
            }
            if (wasHere && before.isOpen() && after.isOpen()) {
                int was = pipeline.position(before.stageId());
                int is = pipeline.position(after.stageId());
                if (was >= 0 && is > was) {
                    lines.advanced = stages(after, before, after).build();
                } else if (is >= 0 && was > is) {
                    lines.movedBack = stages(after, before, after).build();
                }
            }
            if (before == null) {
                return lines;
            }
            if (before.expectedCloseDate() != null && after.expectedCloseDate() != null
                    && after.expectedCloseDate().isAfter(before.expectedCloseDate())) {
                lines.closeDatePushedOut = new Entry(after).closeDates(before, after).build();
            }
            if (!sameAmount(before.amount(), after.amount())) {
                lines.amountChanged = new Entry(after).amounts(before.amount(), after.amount()).build();
            }
            return lines;
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
