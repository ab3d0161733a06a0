package dev.salespipeline.command.deal.command;

/**
 * The caller's role and team do not allow this command on this deal (see {@link DealAccessPolicy}).
 * Answered with 403; nothing is stored.
 */
public class DealAccessDeniedException extends RuntimeException {

    public DealAccessDeniedException(String message) {
        super(message);
    }
}
