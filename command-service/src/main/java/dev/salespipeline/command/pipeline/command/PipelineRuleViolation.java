package dev.salespipeline.command.pipeline.command;

/**
 * A command that would break one of the pipeline's rules given its current definition. Answered with
 * 422 and the rule's name; nothing is stored.
 */
public class PipelineRuleViolation extends RuntimeException {

    private final String rule;

    public PipelineRuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The rule's name, as the API reports it, e.g. {@code PipelineKeepsAStage}. */
    public String rule() {
        return rule;
    }
}
