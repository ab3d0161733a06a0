package dev.salespipeline.command.pipeline.web;

import dev.salespipeline.command.web.Identifiers;
import java.time.Instant;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /pipelines/template}, which may be left out altogether: the pipeline id
 * defaults to a new one, the name to "Sales", {@code occurredAt} to now.
 */
public record DefineFromTemplateRequest(
        @Pattern(regexp = Identifiers.PATTERN, message = Identifiers.MESSAGE) String pipelineId,
        @Pattern(regexp = ".*\\S.*", message = "must not be blank") @Size(max = 100) String name,
        Instant occurredAt) {

    static final DefineFromTemplateRequest DEFAULTS = new DefineFromTemplateRequest(null, null, null);
}
