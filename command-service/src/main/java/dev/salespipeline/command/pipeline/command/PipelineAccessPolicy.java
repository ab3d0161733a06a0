package dev.salespipeline.command.pipeline.command;

import dev.salespipeline.command.deal.command.Caller;

/**
 * Who may define and change pipelines: admins only. Everybody who works with deals reads them, but a
 * pipeline's stages, limits and lost reasons shape every team's board and metrics.
 */
final class PipelineAccessPolicy {

    private PipelineAccessPolicy() {
    }

    static void checkMayChange(Caller caller, String pipelineId) {
        if (!caller.has(Caller.ADMIN)) {
            throw new PipelineAccessDeniedException(caller.id() + " may not define or change pipeline " + pipelineId
                    + ": only admins may");
        }
    }
}
