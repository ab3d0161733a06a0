package dev.salespipeline.api.metrics;

/**
 * How many distinct deals have been opened in a pipeline since the beginning of its history.
 * Each deal counts once, however often its opening event is delivered.
 */
public record OpenedDeals(String pipelineId, long dealsOpened) {
}
