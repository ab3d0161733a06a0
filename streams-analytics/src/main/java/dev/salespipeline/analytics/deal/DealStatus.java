package dev.salespipeline.analytics.deal;

/** Where a deal stands: open, or closed as won or lost (until it is reopened). */
public enum DealStatus {
    OPEN, WON, LOST
}
