package dev.salespipeline.command.activity.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature scheme. The sender computes HMAC-SHA256, keyed with its shared secret, over the
 * bytes {@code <timestamp>.<body>}, where timestamp is the Unix time in seconds it also sends in
 * {@value #TIMESTAMP_HEADER}, and sends {@code sha256=<lower-case hex>} in {@value #SIGNATURE_HEADER}, naming
 * itself in {@value #SOURCE_HEADER}. Because the timestamp is signed, a captured request cannot be
 * replayed once it is older than the tolerance; within it, a replay records nothing new (reports are
 * recorded once).
 */
public final class WebhookSignature {

    public static final String SOURCE_HEADER = "Webhook-Source";
    public static final String TIMESTAMP_HEADER = "Webhook-Timestamp";
    public static final String SIGNATURE_HEADER = "Webhook-Signature";
    private static final String SCHEME = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";

    private final WebhookProperties properties;
    private final Clock clock;

    public WebhookSignature(WebhookProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** The header value a sender with this secret puts in {@value #SIGNATURE_HEADER}. */
    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return SCHEME + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /**
     * @throws InvalidSignatureException if the source is unknown, the timestamp missing or outside the
     *                                   tolerance, or the signature does not match any of the source's secrets
     */
    public void verify(String source, String timestamp, String signature, byte[] body) {
        if (source == null || source.isBlank()) {
            throw new InvalidSignatureException("the " + SOURCE_HEADER + " header is missing");
        }
        List<String> secrets = properties.secrets().getOrDefault(source, List.of());
        if (secrets.isEmpty()) {
            throw new InvalidSignatureException("no webhook secret is configured for source '" + source + "'");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp == null ? "" : timestamp.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSignatureException("the " + TIMESTAMP_HEADER + " header must be Unix time in seconds");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant());
        if (age.abs().compareTo(properties.tolerance()) > 0) {
            throw new InvalidSignatureException("the request was signed " + age.toSeconds() + " s away from now; "
                    + "at most " + properties.tolerance().toSeconds() + " s are accepted");
        }
        if (signature == null || !signature.startsWith(SCHEME)) {
            throw new InvalidSignatureException("the " + SIGNATURE_HEADER + " header must be " + SCHEME + "<hex>");
        }
        byte[] given = signature.strip().getBytes(StandardCharsets.US_ASCII);
        for (String secret : secrets) {
            byte[] expected = sign(secret, seconds, body).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw new InvalidSignatureException("the signature does not match the body and timestamp");
    }

    /** The request is not authentically from the source it names, or not recent: answered with 401. */
    public static class InvalidSignatureException extends RuntimeException {

        public InvalidSignatureException(String message) {
            super(message);
        }
    }
}
