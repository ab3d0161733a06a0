package dev.salespipeline.api.speech;

import java.time.Instant;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Withdraws a dictionary: calls logged after it are no longer checked against its phrases. Refused when
 * {@code expectedVersion} is given and no longer its version.
 */
public record WithdrawSpeechDictionary(String dictionaryId, Long expectedVersion, Instant occurredAt)
        implements AggregateCommand {

    public WithdrawSpeechDictionary {
        Objects.requireNonNull(dictionaryId, "dictionaryId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dictionaryId", dictionaryId, Bounds.ID_LENGTH);
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dictionaryId;
    }
}
