package dev.salespipeline.command.target.command;

import dev.salespipeline.command.rules.AccessDenied;

/**
 * The caller may not do this to this target (see {@link SalesTargetAccessPolicy}).
 */
public class SalesTargetAccessDeniedException extends AccessDenied {

    public SalesTargetAccessDeniedException(String message) {
        super("SalesTargetAccessPolicy", message);
    }
}
