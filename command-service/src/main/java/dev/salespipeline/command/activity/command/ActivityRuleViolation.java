package dev.salespipeline.command.activity.command;

import dev.salespipeline.command.rules.RuleViolation;

/** A command that would break one of an activity's rules. */
public class ActivityRuleViolation extends RuleViolation {

    /** An activity belongs to one deal: once matched or attached, it cannot be attached again. */
    public static final String SINGLE_DEAL = "ActivitySingleDealRule";
    /** An activity is attached to a deal that exists. */
    public static final String KNOWN_DEAL = "ActivityKnownDealRule";

    public ActivityRuleViolation(String rule, String message) {
        super(rule, message);
    }
}
