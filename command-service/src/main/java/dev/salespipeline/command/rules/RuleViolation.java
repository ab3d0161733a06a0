package dev.salespipeline.command.rules;

import java.util.Map;

/**
 * A command that would break one of an aggregate's rules. Answered with 422 and the rule's name;
 * nothing is stored.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;
    private final Map<String, Object> properties;

    public RuleViolation(String rule, String message) {
        this(rule, message, Map.of());
    }

    /**
     * @param properties what a client needs to put it right, added to the problem document (e.g. the fields a stage
     *                   requires that are not filled yet)
     */
    public RuleViolation(String rule, String message, Map<String, Object> properties) {
        super(message);
        this.rule = rule;
        this.properties = Map.copyOf(properties);
    }

    /** The rule's name, as the API reports it, e.g. {@code ClosedDealPolicy}. */
    public String rule() {
        return rule;
    }

    /** What the problem document reports besides the rule's name. */
    public Map<String, Object> properties() {
        return properties;
    }
}
