package dev.salespipeline.api.speech;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A dictionary was set up for one language and list, with its phrases. */
public record SpeechDictionarySet(
        String dictionaryId,
        SpeechLanguage language,
        String list,
        List<String> phrases,
        Instant occurredAt) implements SpeechDictionaryEvent {

    public SpeechDictionarySet {
        Objects.requireNonNull(dictionaryId, "dictionaryId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(occurredAt, "occurredAt");
        phrases = List.copyOf(Objects.requireNonNull(phrases, "phrases"));
    }
}
