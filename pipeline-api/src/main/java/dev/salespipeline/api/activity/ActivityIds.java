package dev.salespipeline.api.activity;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Activity ids are derived from the reporting system and its own id for the call or email, so that the
 * same report received twice, over Kafka or the webhook, names the same activity and is recorded once.
 */
public final class ActivityIds {

    private ActivityIds() {
    }

    public static String of(String sourceSystem, String externalId) {
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(externalId, "externalId");
        byte[] name = (sourceSystem + '\u0000' + externalId).getBytes(StandardCharsets.UTF_8);
        return "act-" + UUID.nameUUIDFromBytes(name);
    }
}
