package dev.salespipeline.api.speech;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/** Replaces the phrases of a dictionary; refused when {@code expectedVersion} is given and no longer its version. */
public record ChangeSpeechDictionary(String dictionaryId, List<String> phrases, Long expectedVersion,
                                     Instant occurredAt) implements AggregateCommand {

    public ChangeSpeechDictionary {
        Objects.requireNonNull(dictionaryId, "dictionaryId");
        Objects.requireNonNull(phrases, "phrases");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dictionaryId", dictionaryId, Bounds.ID_LENGTH);
        phrases = List.copyOf(Bounds.texts("phrases", phrases, SpeechDictionaryIds.MAX_PHRASES,
                SpeechDictionaryIds.PHRASE_LENGTH));
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dictionaryId;
    }
}
