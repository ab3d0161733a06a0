package dev.salespipeline.command.pipeline.web;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.WithinYears;

/** Body of {@code PUT /pipelines/{pipelineId}/stages/{stageId}/name}. {@code occurredAt} defaults to now. */
public record RenameStageRequest(@NotBlank @Size(max = Bounds.NAME_LENGTH) String name,
                                 @WithinYears Instant occurredAt) {
}
