package dev.salespipeline.command.rules;

/**
 * A command that would break one of an aggregate's rules. Answered with 422 and the rule's name;
 * nothing is stored.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;

    public RuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The rule's name, as the API reports it, e.g. {@code ClosedDealPolicy}. */
    public String rule() {
        return rule;
    }
}
