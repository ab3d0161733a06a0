package dev.salespipeline.command.activity.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The activity webhook's shared secrets, per source system ({@code pipeline.ingest.webhook.secrets.<source>}).
 * A source may have several secrets at once, so that one can be rotated without downtime: the new one is
 * added, the source switches over, the old one is removed. {@code tolerance} is how far a request's
 * timestamp may be from our clock, either way, before it is refused as a replay.
 */
@ConfigurationProperties("pipeline.ingest.webhook")
public record WebhookProperties(Map<String, List<String>> secrets, Duration tolerance) {

    public WebhookProperties {
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
    }
}
