package dev.salespipeline.command.history;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code pipeline.history.*}: the limits of {@code GET /history}.
 *
 * @param maxSpan the longest period one request may ask for; 92 days (a quarter) by default
 */
@ConfigurationProperties("pipeline.history")
public record HistoryProperties(Duration maxSpan) {

    public static final Duration DEFAULT_MAX_SPAN = Duration.ofDays(92);

    public HistoryProperties {
        maxSpan = maxSpan == null ? DEFAULT_MAX_SPAN : maxSpan;
        if (maxSpan.isNegative() || maxSpan.isZero()) {
            throw new IllegalArgumentException("pipeline.history.max-span must be positive");
        }
    }
}
