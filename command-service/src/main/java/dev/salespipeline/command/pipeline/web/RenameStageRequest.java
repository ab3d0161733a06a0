package dev.salespipeline.command.pipeline.web;

import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /pipelines/{pipelineId}/stages/{stageId}/name}. {@code occurredAt} defaults to now. */
public record RenameStageRequest(@NotBlank @Size(max = 100) String name, Instant occurredAt) {
}
