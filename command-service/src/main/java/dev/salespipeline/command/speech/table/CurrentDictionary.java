package dev.salespipeline.command.speech.table;

import java.time.Instant;
import java.util.List;

import dev.salespipeline.api.speech.SpeechLanguage;

/**
 * A dictionary in force, as {@link SpeechDictionaryTable} holds it.
 *
 * @param version   the dictionary's version, as its ETag carries it
 * @param changedAt business time of the last change
 */
public record CurrentDictionary(String dictionaryId, SpeechLanguage language, String list, List<String> phrases,
                                long version, Instant changedAt) {
}
