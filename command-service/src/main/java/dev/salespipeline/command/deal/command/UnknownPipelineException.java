package dev.salespipeline.command.deal.command;

/** The command names a pipeline that is not defined. Answered with 404. */
public class UnknownPipelineException extends RuntimeException {

    public UnknownPipelineException(String pipelineId) {
        super("No pipeline " + pipelineId + " is defined");
    }
}
