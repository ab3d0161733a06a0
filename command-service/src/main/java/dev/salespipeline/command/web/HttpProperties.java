package dev.salespipeline.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of request bodies ({@code pipeline.http.*}), enforced by {@link BodyLimitFilter} before anything
 * reads a body: a larger one is answered with 413.
 *
 * @param maxBodyBytes           every JSON endpoint. The default, 64 KiB, holds the largest valid command
 *                               even with every character escaped as {@code \\uXXXX} (a comment or meeting
 *                               notes of 10,000 characters: 60,000 bytes, or a pipeline of 30 stages and 50
 *                               lost reasons: about 56,000 bytes)
 * @param maxTranscriptBodyBytes the two endpoints that take a call's transcript (the activity webhook and
 *                               {@code POST /deals/{id}/calls}). The default, 640 KiB, holds a transcript of
 *                               100,000 characters escaped the same way, with the rest of the report
 */
@ConfigurationProperties("pipeline.http")
public record HttpProperties(DataSize maxBodyBytes, DataSize maxTranscriptBodyBytes) {

    public static final DataSize DEFAULT_MAX_BODY = DataSize.ofKilobytes(64);
    public static final DataSize DEFAULT_MAX_TRANSCRIPT_BODY = DataSize.ofKilobytes(640);

    public HttpProperties {
        maxBodyBytes = maxBodyBytes == null ? DEFAULT_MAX_BODY : maxBodyBytes;
        maxTranscriptBodyBytes = maxTranscriptBodyBytes == null ? DEFAULT_MAX_TRANSCRIPT_BODY : maxTranscriptBodyBytes;
        if (maxBodyBytes.toBytes() <= 0 || maxTranscriptBodyBytes.toBytes() <= 0) {
            throw new IllegalArgumentException("pipeline.http body limits must be positive");
        }
    }
}
