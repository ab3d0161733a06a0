package dev.salespipeline.command.deal.command;

import java.util.Map;

import dev.salespipeline.command.rules.RuleViolation;

/**
 * A command that would break one of the deal's rules (see {@link DealRules}).
 */
public class DealRuleViolation extends RuleViolation {

    public DealRuleViolation(String rule, String message) {
        super(rule, message);
    }

    public DealRuleViolation(String rule, String message, Map<String, Object> properties) {
        super(rule, message, properties);
    }
}
