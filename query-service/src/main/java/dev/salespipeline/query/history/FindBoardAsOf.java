package dev.salespipeline.query.history;

import java.time.Instant;

/**
 * A pipeline's board as it stood at {@code at}.
 *
 * @param ownerId only the deals this rep owned then, or null for all
 * @param page    which page of each column's cards
 * @param size    cards per column
 */
public record FindBoardAsOf(String pipelineId, Instant at, String ownerId, int page, int size) {
}
