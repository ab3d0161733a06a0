package dev.salespipeline.command.target.command;

/**
 * The caller's role and team do not allow this command on this target (see
 * {@link SalesTargetAccessPolicy}). Answered with 403; nothing is stored.
 */
public class SalesTargetAccessDeniedException extends RuntimeException {

    public SalesTargetAccessDeniedException(String message) {
        super(message);
    }
}
