package dev.salespipeline.command.web;

import java.util.Map;

import org.axonframework.messaging.MetaData;

import dev.salespipeline.api.envelope.MetadataKeys;

/**
 * Who sent a command, through which channel, and the correlation id that ties together everything
 * one request causes. Recorded as metadata on every event the command produces.
 */
public record RequestMetadata(String actor, String source, String correlationId) {

    public MetaData asMetaData() {
        return MetaData.from(Map.of(
                MetadataKeys.ACTOR, actor,
                MetadataKeys.SOURCE, source,
                MetadataKeys.CORRELATION_ID, correlationId));
    }
}
