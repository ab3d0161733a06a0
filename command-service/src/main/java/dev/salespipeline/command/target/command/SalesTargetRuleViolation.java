package dev.salespipeline.command.target.command;

/**
 * A command that would break one of the target's rules given its current state. Answered with 422
 * and the rule's name; nothing is stored.
 */
public class SalesTargetRuleViolation extends RuntimeException {

    private final String rule;

    public SalesTargetRuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The rule's name, as the API reports it, e.g. {@code WithdrawnTargetPolicy}. */
    public String rule() {
        return rule;
    }
}
