package dev.salespipeline.command.pipeline.web;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.WithinYears;

/**
 * Body of {@code PUT /pipelines/{pipelineId}/lost-reasons}: the reasons in the order offered.
 * {@code occurredAt} defaults to now.
 */
public record LostReasonsRequest(
        @NotEmpty @Size(max = Bounds.MAX_LOST_REASONS)
        List<@NotBlank @Size(max = Bounds.NAME_LENGTH) String> lostReasons,
        @WithinYears Instant occurredAt) {
}
