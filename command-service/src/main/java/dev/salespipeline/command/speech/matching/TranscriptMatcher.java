package dev.salespipeline.command.speech.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import dev.salespipeline.api.deal.TranscriptMatch;
import dev.salespipeline.api.speech.SpeechLanguage;

/**
 * Finds the phrases of dictionaries in a call's transcript. A phrase matches where the transcript has its words one
 * after the other, each compared by its stem in the dictionary's language ({@link Words}, {@link WordEndings}):
 * case, punctuation, stress marks and common word endings do not matter, the words between do. Matches come in the
 * order of the transcript, at most {@value TranscriptMatch#MAX_PER_CALL}.
 */
public final class TranscriptMatcher {

    private static final Comparator<TranscriptMatch> IN_ORDER = Comparator.comparingInt(TranscriptMatch::start)
            .thenComparingInt(TranscriptMatch::end)
            .thenComparing(TranscriptMatch::language)
            .thenComparing(TranscriptMatch::list)
            .thenComparing(TranscriptMatch::phrase);

    private TranscriptMatcher() {
    }

    public static List<TranscriptMatch> find(String transcript, List<Dictionary> dictionaries) {
        if (transcript == null || transcript.isBlank() || dictionaries.isEmpty()) {
            return List.of();
        }
        List<Words.Word> words = Words.of(transcript);
        Map<SpeechLanguage, List<String>> stemsByLanguage = new EnumMap<>(SpeechLanguage.class);
        List<TranscriptMatch> matches = new ArrayList<>();
        for (Dictionary dictionary : dictionaries) {
            List<String> stems = stemsByLanguage.computeIfAbsent(dictionary.language(), language -> words.stream()
                    .map(word -> word.normalized() == null ? null : WordEndings.stem(language, word.normalized()))
                    .toList());
            int found = 0;
            // a dictionary's matches come in the transcript's order: past the first MAX_PER_CALL, none can be
            // among the call's first ones
            for (int i = 0; i < stems.size() && found < TranscriptMatch.MAX_PER_CALL; i++) {
                String stem = stems.get(i);
                if (stem == null) {
                    continue;
                }
                for (Dictionary.Phrase phrase : dictionary.startingWith(stem)) {
                    if (matchesAt(stems, i, phrase.stems())) {
                        int start = words.get(i).start();
                        int end = words.get(i + phrase.stems().size() - 1).end();
                        matches.add(new TranscriptMatch(dictionary.language().code(), dictionary.list(),
                                phrase.text(), start, end, transcript.substring(start, end)));
                        found++;
                    }
                }
            }
        }
        matches.sort(IN_ORDER);
        return matches.size() > TranscriptMatch.MAX_PER_CALL
                ? List.copyOf(matches.subList(0, TranscriptMatch.MAX_PER_CALL)) : List.copyOf(matches);
    }

    private static boolean matchesAt(List<String> stems, int at, List<String> phrase) {
        if (at + phrase.size() > stems.size()) {
            return false;
        }
        for (int j = 0; j < phrase.size(); j++) {
            if (!phrase.get(j).equals(stems.get(at + j))) {
                return false;
            }
        }
        return true;
    }
}
