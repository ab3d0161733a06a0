package dev.salespipeline.api.speech;

import java.time.Instant;
import java.util.Objects;

/** A dictionary was withdrawn: calls logged from now on are not checked against it. */
public record SpeechDictionaryWithdrawn(String dictionaryId, Instant occurredAt) implements SpeechDictionaryEvent {

    public SpeechDictionaryWithdrawn {
        Objects.requireNonNull(dictionaryId, "dictionaryId");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }
}
