package dev.salespipeline.analytics.book;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.salespipeline.api.metrics.OwnerBook;
import dev.salespipeline.api.metrics.PeriodType;

/**
 * The open book of one cut (pipeline, owner or all, channel or all) now (store
 * {@value OwnerBookTopology#COUNTS_STORE}).
 *
 * @param stages open deals per stage id
 * @param open   open deals with an amount and the sum of their amounts, per currency
 */
record BookCounts(String pipelineId, String ownerId, String sourceChannel, long openDeals, long withoutNextAction,
                  long overdueTasks, Map<String, Long> stages, Map<String, AmountSum> open) {

    BookCounts {
        Objects.requireNonNull(pipelineId, "pipelineId");
        stages = stages == null ? Map.of() : Map.copyOf(stages);
        open = open == null ? Map.of() : Map.copyOf(open);
    }

    static BookCounts empty(String pipelineId, String ownerId, String sourceChannel) {
        return new BookCounts(pipelineId, ownerId, sourceChannel, 0, 0, 0, Map.of(), Map.of());
    }

    /** The counts with an open deal's entry taken out ({@code by = -1}) or put in ({@code by = 1}). */
    BookCounts with(DealEntry entry, int by) {
        Map<String, Long> newStages = new TreeMap<>(stages);
        newStages.merge(entry.stageId(), (long) by, Long::sum);
        newStages.values().removeIf(count -> count == 0);
        Map<String, AmountSum> newOpen = new TreeMap<>(open);
        if (entry.amount() != null) {
            AmountSum sum = newOpen.getOrDefault(entry.amount().currency(), AmountSum.NONE)
                    .plus(entry.amount().amount(), by);
            if (sum.empty()) {
                newOpen.remove(entry.amount().currency());
            } else {
                newOpen.put(entry.amount().currency(), sum);
            }
        }
        return new BookCounts(pipelineId, ownerId, sourceChannel, openDeals + by,
                withoutNextAction + (entry.withoutNextAction() ? by : 0), overdueTasks + (long) by * entry.overdueTasks(),
                newStages, newOpen);
    }

    boolean empty() {
        return openDeals == 0 && withoutNextAction == 0 && overdueTasks == 0 && stages.isEmpty() && open.isEmpty();
    }

    AmountSum openIn(String currency) {
        return open.getOrDefault(currency, AmountSum.NONE);
    }

    /**
     * The stage holding most open deals; on a tie the earliest in the pipeline's current order, and stages not in
     * it (removed, or the order not known yet) after every current stage, by stage id. Null when none is open.
     */
    String bottleneck(List<String> stageOrder) {
        String best = null;
        for (Map.Entry<String, Long> stage : new TreeMap<>(stages).entrySet()) {
            if (best == null || stage.getValue() > stages.get(best)
                    || stage.getValue().equals(stages.get(best))
                    && rank(stage.getKey(), stageOrder) < rank(best, stageOrder)) {
                best = stage.getKey();
            }
        }
        return best;
    }

    private static int rank(String stageId, List<String> stageOrder) {
        int position = stageOrder == null ? -1 : stageOrder.indexOf(stageId);
        return position < 0 ? Integer.MAX_VALUE : position;
    }

    /** The row of the given day, taken at the wall-clock instant {@code asOf}. */
    OwnerBook metric(String day, List<String> stageOrder, Instant asOf) {
        String bottleneck = bottleneck(stageOrder);
        return new OwnerBook(pipelineId, ownerId, sourceChannel, PeriodType.DAY, day, openDeals, withoutNextAction,
                overdueTasks, bottleneck, bottleneck == null ? 0 : stages.get(bottleneck), asOf);
    }
}
