package dev.salespipeline.api.metrics;

import java.util.Objects;

/**
 * One stage's figures within a {@link TimeInStage}, in seconds. Median and 90th percentile come from a
 * quantile sketch and are within 1 % of the exact values; the mean is exact.
 *
 * @param stageId       the stage's stable id (names are resolved by the reader: a renamed stage keeps its id)
 * @param deals         deals counted: each deal once, with the sum of its completed intervals in the stage
 * @param meanSeconds   the mean of the deals' times in the stage
 * @param medianSeconds the median: the time at rank {@code floor(0.5 (deals - 1))} in ascending order
 * @param p90Seconds    the 90th percentile: the time at rank {@code floor(0.9 (deals - 1))}
 */
public record StageTime(String stageId, long deals, double meanSeconds, double medianSeconds, double p90Seconds) {

    public StageTime {
        Objects.requireNonNull(stageId, "stageId");
    }
}
