package dev.salespipeline.command.pipeline.web;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.WithinYears;

/**
 * Body of {@code PUT /pipelines/{pipelineId}/stages/order}: every stage id of the pipeline, once each,
 * first to last. {@code occurredAt} defaults to now.
 */
public record ReorderStagesRequest(@NotEmpty @Size(max = Bounds.MAX_STAGES)
        List<@NotBlank @Size(max = Bounds.ID_LENGTH) String> stageIds, @WithinYears Instant occurredAt) {
}
