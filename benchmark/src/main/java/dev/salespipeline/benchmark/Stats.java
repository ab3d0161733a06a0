package dev.salespipeline.benchmark;

import java.util.Arrays;
import java.util.Collection;

/**
 * Summary of recorded values, all in the unit they were recorded in (this harness records durations in
 * microseconds). Percentiles are nearest-rank: the p-th percentile of n sorted values is the value at rank
 * {@code ceil(p * n)}, counting from 1, so it is always one of the recorded values. The median of an even number of
 * values is therefore the lower of the two middle ones.
 *
 * @param count  how many values there were
 * @param min    the smallest value
 * @param median the 50th percentile
 * @param p99    the 99th percentile
 * @param max    the largest value
 * @param mean   the arithmetic mean
 */
public record Stats(int count, long min, long median, long p99, long max, double mean) {

    /** The summary of these values, in any order. */
    public static Stats of(long... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new Stats(sorted.length, sorted[0], percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted[sorted.length - 1], sum / sorted.length);
    }

    /** The summary of these values, in any order. */
    public static Stats of(Collection<Long> values) {
        return of(values.stream().mapToLong(Long::longValue).toArray());
    }

    /**
     * The nearest-rank percentile of sorted values.
     *
     * @param sorted   values in ascending order, at least one
     * @param fraction the percentile as a fraction, above 0 and at most 1 (0.99 for p99)
     */
    public static long percentile(long[] sorted, double fraction) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("the fraction must be in (0, 1], got " + fraction);
        }
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }
}
