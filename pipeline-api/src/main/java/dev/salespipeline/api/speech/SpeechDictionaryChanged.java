package dev.salespipeline.api.speech;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A dictionary's phrases were replaced: {@code phrases} is the whole list in force from now on. */
public record SpeechDictionaryChanged(String dictionaryId, List<String> phrases, Instant occurredAt)
        implements SpeechDictionaryEvent {

    public SpeechDictionaryChanged {
        Objects.requireNonNull(dictionaryId, "dictionaryId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        phrases = List.copyOf(Objects.requireNonNull(phrases, "phrases"));
    }
}
