package dev.salespipeline.command.activity.webhook;

import java.time.Duration;
import java.util.HashMap;
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

    /** Shorter secrets can be guessed; blank ones (an unset variable) are ignored rather than trusted. */
    public static final int MIN_SECRET_LENGTH = 16;

    public WebhookProperties {
        Map<String, List<String>> usable = new HashMap<>();
        (secrets == null ? Map.<String, List<String>>of() : secrets).forEach((source, values) -> {
            List<String> nonBlank = values.stream().filter(secret -> !secret.isBlank()).toList();
            nonBlank.stream().filter(secret -> secret.length() < MIN_SECRET_LENGTH).findAny().ifPresent(secret -> {
                throw new IllegalArgumentException("the webhook secret of source '" + source + "' is shorter than "
                        + MIN_SECRET_LENGTH + " characters");
            });
            if (!nonBlank.isEmpty()) {
                usable.put(source, nonBlank);
            }
        });
        secrets = Map.copyOf(usable);
        tolerance = tolerance == null ? Duration.ofMinutes(5) : tolerance;
    }
}
