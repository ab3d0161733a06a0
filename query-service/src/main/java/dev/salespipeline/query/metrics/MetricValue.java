package dev.salespipeline.query.metrics;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

/**
 * The latest value of a metric under one key, as streams-analytics published it.
 *
 * @param metric    the metric family, for example {@code opened-deals}
 * @param key       the record key (for {@code opened-deals}, the pipeline id)
 * @param value     the value; its fields depend on the family; null when the value was deleted
 * @param updatedAt the record's timestamp: when streams-analytics computed the value
 */
public record MetricValue(
        String metric,
        String key,
        @Schema(description = "The value as published; its fields depend on the metric family")
        JsonNode value,
        Instant updatedAt) {
}
