package dev.salespipeline.query.history.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Keys that let an index of plain strings find the versions valid at an instant, or valid from an instant inside a
 * span, without reading the rest of a pipeline's history. Time is cut into days from 1970-01-01 (UTC); a block of
 * level {@code k} is {@code 2^k} days, aligned, and its key is {@code <k>:<block number>:<pipelineId>}.
 * <ul>
 * <li>A version open in a pipeline carries, in {@code openAt}, the fewest blocks that cover the days it is valid
 * in (at most two per level). The versions valid at an instant are among those carrying one of the 17 blocks that
 * contain the instant's day: every version found through a block longer than that day is valid at the instant, so
 * the query reads the answer and the versions that began or ended on that very day.</li>
 * <li>Every version carries, in {@code changedOn}, the blocks of a few levels (1, 8, 64, 512 ... days) that
 * contain the day it became valid. The versions valid from an instant inside a span are among those carrying one
 * of the blocks that cover the span's days: a few dozen keys for a span of months.</li>
 * </ul>
 * Keys name one value each, so that a plain index on the field serves the query, on MongoDB (a multikey index) and
 * on the embedded server (whose own indexes answer only equality of a field's first key).
 */
public final class TimeBuckets {

    /** Levels 0 to 16: the largest block, 2^16 days from 1970, reaches beyond {@link #END}. */
    static final int LEVELS = 17;
    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long DAYS = 1L << (LEVELS - 1);
    /** The end of the latest version of a deal: no later version yet (2149-06-06, the end of the blocks). */
    public static final Instant END = Instant.ofEpochMilli(DAYS * DAY);
    /** The levels of {@code changedOn}: blocks of 1, 8, 64, 512, 4096 and 32768 days. */
    private static final int[] CHANGED_LEVELS = {0, 3, 6, 9, 12, 15};

    private TimeBuckets() {
    }

    /** Whether the keys can place {@code at}: from 1970 up to {@link #END}. */
    public static boolean covers(Instant at) {
        return !at.isBefore(Instant.EPOCH) && at.isBefore(END);
    }

    /** The blocks covering the days of {@code [from, until)}, for a version open in the pipeline then. */
    static List<String> openAt(String pipelineId, Instant from, Instant until) {
        List<String> keys = new ArrayList<>();
        if (pipelineId == null || !until.isAfter(from)) {
            return keys;
        }
        long first = Math.max(0, Math.floorDiv(from.toEpochMilli(), DAY));
        long end = Math.min(DAYS, Math.floorDiv(until.toEpochMilli() - 1, DAY) + 1);
        long day = first;
        while (day < end) {
            int level = 0;
            while (level + 1 < LEVELS && day % (1L << (level + 1)) == 0 && day + (1L << (level + 1)) <= end) {
                level++;
            }
            keys.add(key(level, day >> level, pipelineId));
            day += 1L << level;
        }
        return keys;
    }

    /** The blocks that contain the day of {@code at}: a version valid then carries one of them. */
    public static List<String> containing(String pipelineId, Instant at) {
        long day = Math.floorDiv(at.toEpochMilli(), DAY);
        List<String> keys = new ArrayList<>(LEVELS);
        for (int level = 0; level < LEVELS; level++) {
            keys.add(key(level, day >> level, pipelineId));
        }
        return keys;
    }

    /** The blocks of {@code changedOn} that contain the day of {@code validFrom}. */
    static List<String> changedOn(String pipelineId, Instant validFrom) {
        List<String> keys = new ArrayList<>(CHANGED_LEVELS.length);
        if (pipelineId == null || !covers(validFrom)) {
            return keys;
        }
        long day = Math.floorDiv(validFrom.toEpochMilli(), DAY);
        for (int level : CHANGED_LEVELS) {
            keys.add(key(level, day >> level, pipelineId));
        }
        return keys;
    }

    /** The blocks of {@code changedOn} covering the days from {@code from} to {@code to}, both included. */
    public static List<String> changedBetween(String pipelineId, Instant from, Instant to) {
        long day = Math.floorDiv(from.toEpochMilli(), DAY);
        long end = Math.floorDiv(to.toEpochMilli(), DAY) + 1;
        List<String> keys = new ArrayList<>();
        while (day < end) {
            int chosen = 0;
            for (int level : CHANGED_LEVELS) {
                if (day % (1L << level) == 0 && day + (1L << level) <= end) {
                    chosen = level;
                }
            }
            keys.add(key(chosen, day >> chosen, pipelineId));
            day += 1L << chosen;
        }
        return keys;
    }

    private static String key(int level, long block, String pipelineId) {
        return level + ":" + block + ":" + pipelineId;
    }
}
