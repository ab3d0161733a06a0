package dev.salespipeline.command.pipeline.web;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code PUT /pipelines/{pipelineId}/lost-reasons}: the reasons in the order offered.
 * {@code occurredAt} defaults to now.
 */
public record LostReasonsRequest(
        @NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 100) String> lostReasons,
        Instant occurredAt) {
}
