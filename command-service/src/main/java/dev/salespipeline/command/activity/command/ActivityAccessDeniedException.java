package dev.salespipeline.command.activity.command;

import dev.salespipeline.command.rules.AccessDenied;

/** The caller may not do this to this activity (see {@link ActivityAccessPolicy}). */
public class ActivityAccessDeniedException extends AccessDenied {

    public ActivityAccessDeniedException(String message) {
        super("ActivityAccessPolicy", message);
    }
}
