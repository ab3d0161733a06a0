package dev.salespipeline.command.rules;

/**
 * The caller's roles or team do not allow this command on this aggregate. Answered with 403 and the
 * name of the policy that refused it; nothing is stored.
 */
public class AccessDenied extends RuntimeException {

    private final String policy;

    public AccessDenied(String policy, String message) {
        super(message);
        this.policy = policy;
    }

    /** The policy's name, as the API reports it, e.g. {@code DealAccessPolicy}. */
    public String policy() {
        return policy;
    }
}
