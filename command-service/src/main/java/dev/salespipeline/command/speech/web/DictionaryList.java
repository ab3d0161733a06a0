package dev.salespipeline.command.speech.web;

import java.time.Instant;
import java.util.List;

import dev.salespipeline.command.speech.table.CurrentDictionary;

/** What {@code GET /speech-dictionaries} answers: the dictionaries in force, by language and list. */
public record DictionaryList(List<Entry> dictionaries) {

    /** A dictionary in force, with its version (the ETag a change may send as If-Match). */
    public record Entry(String dictionaryId, String language, String list, List<String> phrases, long version,
                        Instant changedAt) {

        static Entry of(CurrentDictionary dictionary) {
            return new Entry(dictionary.dictionaryId(), dictionary.language().code(), dictionary.list(),
                    dictionary.phrases(), dictionary.version(), dictionary.changedAt());
        }
    }
}
