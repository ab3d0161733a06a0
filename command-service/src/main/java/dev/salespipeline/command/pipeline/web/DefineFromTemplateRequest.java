package dev.salespipeline.command.pipeline.web;

import java.time.Instant;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.command.web.Identifiers;
import dev.salespipeline.command.web.WithinYears;

/**
 * Body of {@code POST /pipelines/template}, which may be left out altogether: the pipeline id
 * defaults to a new one, the name to "Sales", {@code occurredAt} to now.
 */
public record DefineFromTemplateRequest(
        @Pattern(regexp = Identifiers.PIPELINE_PATTERN, message = Identifiers.PIPELINE_MESSAGE) String pipelineId,
        @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = Bounds.NAME_LENGTH) String name,
        @WithinYears Instant occurredAt) {

    static final DefineFromTemplateRequest DEFAULTS = new DefineFromTemplateRequest(null, null, null);
}
