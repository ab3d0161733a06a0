package dev.salespipeline.command.speech.web;

import java.time.Instant;
import java.util.List;

import dev.salespipeline.api.speech.SpeechDictionaryIds;
import dev.salespipeline.command.web.WithinYears;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /speech-dictionaries/{language}/{list}}. {@code occurredAt} defaults to now. */
public record SetDictionaryRequest(
        @Schema(example = "[\"не можу\", \"гарантую\"]", description = "The phrases, each 1 to 8 words; matched "
                + "whatever the case, punctuation and common word endings")
        @NotNull @Size(max = SpeechDictionaryIds.MAX_PHRASES)
        List<@NotBlank @Size(max = SpeechDictionaryIds.PHRASE_LENGTH) String> phrases,
        @WithinYears Instant occurredAt) {
}
