package dev.salespipeline.api.speech;

import dev.salespipeline.api.DomainEvent;

/** An event in the life of one of the company's speech dictionaries. */
public sealed interface SpeechDictionaryEvent extends DomainEvent
        permits SpeechDictionarySet, SpeechDictionaryChanged, SpeechDictionaryWithdrawn {

    String dictionaryId();

    @Override
    default String aggregateId() {
        return dictionaryId();
    }
}
