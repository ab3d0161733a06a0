package dev.salespipeline.command.pipeline.command;

import dev.salespipeline.command.rules.AccessDenied;

/**
 * The caller's roles do not allow defining or changing pipelines (see {@link PipelineAccessPolicy}).
 */
public class PipelineAccessDeniedException extends AccessDenied {

    public PipelineAccessDeniedException(String message) {
        super("PipelineAccessPolicy", message);
    }
}
