package dev.salespipeline.command.spend.command;

import dev.salespipeline.command.rules.RuleViolation;

/**
 * A command that would break one of the marketing spend's rules given its current state.
 */
public class MarketingSpendRuleViolation extends RuleViolation {

    public MarketingSpendRuleViolation(String rule, String message) {
        super(rule, message);
    }
}
