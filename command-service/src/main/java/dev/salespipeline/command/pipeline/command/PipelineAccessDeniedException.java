package dev.salespipeline.command.pipeline.command;

/**
 * The caller's roles do not allow defining or changing pipelines (see {@link PipelineAccessPolicy}).
 * Answered with 403; nothing is stored.
 */
public class PipelineAccessDeniedException extends RuntimeException {

    public PipelineAccessDeniedException(String message) {
        super(message);
    }
}
