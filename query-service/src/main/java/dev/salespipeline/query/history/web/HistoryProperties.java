package dev.salespipeline.query.history.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code pipeline.history.*}: the reads of the past.
 *
 * @param maxChangeSpan the longest span {@code GET /pipelines/{id}/changes} compares; a longer one is refused
 *                      with 400, so that one request cannot make the service read a pipeline's whole history
 */
@ConfigurationProperties("pipeline.history")
public record HistoryProperties(@DefaultValue("92d") Duration maxChangeSpan) {
}
