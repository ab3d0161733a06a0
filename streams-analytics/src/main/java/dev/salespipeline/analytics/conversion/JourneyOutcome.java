package dev.salespipeline.analytics.conversion;

/** How a deal's journey through one pipeline stands now. */
public enum JourneyOutcome {
    /** Still open in the pipeline. */
    OPEN,
    /** Won in the pipeline, and not reopened since. */
    WON,
    /** Lost in the pipeline, and not reopened since. */
    LOST,
    /** Left the pipeline for another one; neither won nor lost here. */
    TRANSFERRED_OUT
}
