package dev.salespipeline.command.pipeline.command;

import dev.salespipeline.command.rules.RuleViolation;

/**
 * A command that would break one of the pipeline's rules given its current definition.
 */
public class PipelineRuleViolation extends RuleViolation {

    public PipelineRuleViolation(String rule, String message) {
        super(rule, message);
    }
}
