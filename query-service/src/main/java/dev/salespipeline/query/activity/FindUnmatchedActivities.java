package dev.salespipeline.query.activity;

import java.time.Instant;

import dev.salespipeline.api.activity.ActivityKind;

/**
 * One page of calls and emails without a deal, with the filters of {@code GET /activities/unmatched}; null
 * filters do not apply.
 *
 * @param from            occurred at or after this instant
 * @param to              occurred before this instant
 * @param includeAttached also those attached to a deal since
 */
public record FindUnmatchedActivities(String ownerId, String sourceSystem, ActivityKind kind, Instant from,
                                      Instant to, boolean includeAttached, int page, int size) {
}
