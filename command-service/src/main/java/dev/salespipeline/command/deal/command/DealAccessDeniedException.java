package dev.salespipeline.command.deal.command;

import dev.salespipeline.command.rules.AccessDenied;

/**
 * The caller may not do this to this deal (see {@link DealAccessPolicy}).
 */
public class DealAccessDeniedException extends AccessDenied {

    public DealAccessDeniedException(String message) {
        super("DealAccessPolicy", message);
    }
}
