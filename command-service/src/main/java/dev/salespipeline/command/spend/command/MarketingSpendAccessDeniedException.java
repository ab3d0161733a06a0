package dev.salespipeline.command.spend.command;

import dev.salespipeline.command.rules.AccessDenied;

/**
 * The caller may not do this to marketing spend (see {@link MarketingSpendAccessPolicy}).
 */
public class MarketingSpendAccessDeniedException extends AccessDenied {

    public MarketingSpendAccessDeniedException(String message) {
        super("MarketingSpendAccessPolicy", message);
    }
}
