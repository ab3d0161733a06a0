package dev.salespipeline.command.speech.matching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.salespipeline.api.speech.SpeechDictionaryIds;
import dev.salespipeline.api.speech.SpeechLanguage;

/**
 * A dictionary made ready for matching: each phrase as the stems of its words ({@link WordEndings}), indexed by its
 * first stem.
 */
public final class Dictionary {

    private final SpeechLanguage language;
    private final String list;
    private final Map<String, List<Phrase>> byFirstStem = new HashMap<>();

    record Phrase(String text, List<String> stems) {
    }

    private Dictionary(SpeechLanguage language, String list, List<Phrase> phrases) {
        this.language = language;
        this.list = list;
        for (Phrase phrase : phrases) {
            byFirstStem.computeIfAbsent(phrase.stems().get(0), stem -> new ArrayList<>()).add(phrase);
        }
    }

    /**
     * @throws IllegalArgumentException if a phrase has no word, more than {@value SpeechDictionaryIds#PHRASE_WORDS}
     *                                  words or a word longer than {@value Words#LONGEST_WORD} characters
     */
    public static Dictionary of(SpeechLanguage language, String list, List<String> phrases) {
        Map<List<String>, Phrase> distinct = new LinkedHashMap<>();
        for (String phrase : phrases) {
            List<Words.Word> words = Words.of(phrase);
            if (words.isEmpty() || words.size() > SpeechDictionaryIds.PHRASE_WORDS) {
                throw new IllegalArgumentException("a phrase has 1 to " + SpeechDictionaryIds.PHRASE_WORDS
                        + " words (letters or digits): \"" + phrase + "\"");
            }
            if (words.stream().anyMatch(word -> word.normalized() == null)) {
                throw new IllegalArgumentException("a phrase's words are at most " + Words.LONGEST_WORD
                        + " characters long: \"" + phrase.substring(0, Math.min(phrase.length(), 40)) + "...\"");
            }
            List<String> stems = words.stream().map(word -> WordEndings.stem(language, word.normalized())).toList();
            // two spellings of one phrase ("Complaint", "complaints") match the same words: the first one is kept
            distinct.putIfAbsent(stems, new Phrase(phrase, stems));
        }
        return new Dictionary(language, list, List.copyOf(distinct.values()));
    }

    public SpeechLanguage language() {
        return language;
    }

    public String list() {
        return list;
    }

    List<Phrase> startingWith(String stem) {
        return byFirstStem.getOrDefault(stem, List.of());
    }
}
