package dev.salespipeline.api.speech;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.salespipeline.api.AggregateCommand;
import dev.salespipeline.api.Bounds;

/**
 * Sets up a company's dictionary for one language and list, with its phrases. The dictionary id is
 * {@link SpeechDictionaryIds#of} the language and list. Calls logged after it are checked against these phrases;
 * calls logged before keep what they were checked against.
 */
public record SetSpeechDictionary(
        String dictionaryId,
        SpeechLanguage language,
        String list,
        List<String> phrases,
        Instant occurredAt) implements AggregateCommand {

    public SetSpeechDictionary {
        Objects.requireNonNull(dictionaryId, "dictionaryId");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(list, "list");
        Objects.requireNonNull(phrases, "phrases");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Bounds.text("dictionaryId", dictionaryId, Bounds.ID_LENGTH);
        SpeechDictionaryIds.checkList(list);
        phrases = List.copyOf(Bounds.texts("phrases", phrases, SpeechDictionaryIds.MAX_PHRASES,
                SpeechDictionaryIds.PHRASE_LENGTH));
        Bounds.time("occurredAt", occurredAt);
    }

    @Override
    public String targetAggregateId() {
        return dictionaryId;
    }
}
