package dev.salespipeline.api.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the company's speech dictionaries found in one person's calls in a shift, per pipeline and for all
 * pipelines, on {@link dev.salespipeline.api.Topics#METRICS_CALL_QUALITY}. The calls, the person, the shift and the
 * pipeline are those of manager control ({@link ManagerActivity}); the matches are those recorded on each call when
 * it was logged, against the dictionaries in force then. Definitions: {@code docs/metrics.md}, "Call quality".
 *
 * <p>The record key is {@link #key}, the same as manager activity's: {@code pipelineId or *|personId|*|periodType|period}.
 *
 * @param pipelineId         the pipeline of the calls' deals, or {@value ManagerActivity#ALL_PIPELINES} for all
 * @param ownerId            the person the calls count for
 * @param calls              calls made and received
 * @param callsChecked       calls logged on a deal with a transcript, which were checked against the dictionaries
 * @param callsWithStopWords calls with at least one match of a {@code stop-words} list
 * @param callsWithComplaint calls with at least one match of a {@code complaints} list
 * @param callsWithProfanity calls with at least one match of a {@code profanity} list
 * @param matchesByList      matches per list, every list of any language with at least one match in the period
 */
public record CallQuality(String pipelineId, String ownerId, PeriodType periodType, String period, long calls,
                          long callsChecked, long callsWithStopWords, long callsWithComplaint,
                          long callsWithProfanity, Map<String, Long> matchesByList) {

    public CallQuality {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(ownerId, "ownerId");
        Objects.requireNonNull(periodType, "periodType");
        Objects.requireNonNull(period, "period");
        matchesByList = matchesByList == null ? Map.of() : Map.copyOf(new TreeMap<>(matchesByList));
    }

    /** The record key: {@code pipelineId or *|personId|*|periodType|period}, as {@link ManagerActivity#key}. */
    public static String key(String pipelineId, String personId, PeriodType periodType, String period) {
        return ManagerActivity.key(pipelineId, personId, periodType, period);
    }
}
