package dev.salespipeline.analytics.activity;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.salespipeline.api.deal.CallLogged;
import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.api.speech.SpeechDictionaryIds;

/**
 * The additive call-quality figures of a person's shift: what the dictionaries found in one call's transcript when it
 * was logged, a difference of two such, or the sum kept for a row ({@code docs/metrics.md}, "Call quality").
 *
 * @param callsChecked       calls logged with a transcript
 * @param callsWithStopWords calls with a match of a {@value SpeechDictionaryIds#STOP_WORDS} list
 * @param callsWithComplaint calls with a match of a {@value SpeechDictionaryIds#COMPLAINTS} list
 * @param callsWithProfanity calls with a match of a {@value SpeechDictionaryIds#PROFANITY} list
 * @param matchesByList      matches per list, lists with none left out
 */
public record CallChecks(long callsChecked, long callsWithStopWords, long callsWithComplaint,
                         long callsWithProfanity, Map<String, Long> matchesByList) {

    public static final CallChecks NONE = new CallChecks(0, 0, 0, 0, Map.of());

    public CallChecks {
        TreeMap<String, Long> nonZero = new TreeMap<>();
        if (matchesByList != null) {
            matchesByList.forEach((list, matches) -> {
                if (matches != null && matches != 0) {
                    nonZero.put(list, matches);
                }
            });
        }
        matchesByList = java.util.Collections.unmodifiableMap(nonZero);
    }

    /** What one logged call adds: nothing without a transcript. */
    static CallChecks of(CallLogged call) {
        if (call.transcript() == null || call.transcript().isBlank()) {
            return NONE;
        }
        List<TranscriptMatch> matches = call.transcriptMatches();
        Map<String, Long> byList = new TreeMap<>();
        matches.forEach(match -> byList.merge(match.list(), 1L, Long::sum));
        return new CallChecks(1, byList.containsKey(SpeechDictionaryIds.STOP_WORDS) ? 1 : 0,
                byList.containsKey(SpeechDictionaryIds.COMPLAINTS) ? 1 : 0,
                byList.containsKey(SpeechDictionaryIds.PROFANITY) ? 1 : 0, byList);
    }

    CallChecks plus(CallChecks other) {
        Map<String, Long> byList = new TreeMap<>(matchesByList);
        other.matchesByList.forEach((list, matches) -> byList.merge(list, matches, Long::sum));
        return new CallChecks(callsChecked + other.callsChecked, callsWithStopWords + other.callsWithStopWords,
                callsWithComplaint + other.callsWithComplaint, callsWithProfanity + other.callsWithProfanity, byList);
    }

    CallChecks negated() {
        Map<String, Long> byList = new TreeMap<>();
        matchesByList.forEach((list, matches) -> byList.put(list, -matches));
        return new CallChecks(-callsChecked, -callsWithStopWords, -callsWithComplaint, -callsWithProfanity, byList);
    }

    boolean isZero() {
        return equals(NONE);
    }
}
