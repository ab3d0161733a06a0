package dev.salespipeline.command.pipeline.web;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

/**
 * Body of {@code PUT /pipelines/{pipelineId}/stages/order}: every stage id of the pipeline, once each,
 * first to last. {@code occurredAt} defaults to now.
 */
public record ReorderStagesRequest(@NotEmpty List<@NotBlank String> stageIds, Instant occurredAt) {
}
