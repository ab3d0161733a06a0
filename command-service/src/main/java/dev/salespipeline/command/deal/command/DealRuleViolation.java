package dev.salespipeline.command.deal.command;

/**
 * A command that would break one of the deal's rules. Answered with 422 and the rule's name; nothing
 * is stored.
 */
public class DealRuleViolation extends RuntimeException {

    private final String rule;

    public DealRuleViolation(String rule, String message) {
        super(message);
        this.rule = rule;
    }

    /** The rule's name, as the API reports it, e.g. {@code ClosedDealPolicy}. */
    public String rule() {
        return rule;
    }
}
