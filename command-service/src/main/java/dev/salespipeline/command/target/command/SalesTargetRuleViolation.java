package dev.salespipeline.command.target.command;

import dev.salespipeline.command.rules.RuleViolation;

/**
 * A command that would break one of the target's rules given its current state.
 */
public class SalesTargetRuleViolation extends RuleViolation {

    public SalesTargetRuleViolation(String rule, String message) {
        super(rule, message);
    }
}
