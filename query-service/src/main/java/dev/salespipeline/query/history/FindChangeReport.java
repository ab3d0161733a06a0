package dev.salespipeline.query.history;

import java.time.Instant;

/**
 * One page of what changed in a pipeline from {@code from} to {@code to}.
 *
 * @param page which page of changed deals
 * @param size changed deals per page
 */
public record FindChangeReport(String pipelineId, Instant from, Instant to, int page, int size) {
}
