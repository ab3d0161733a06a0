package dev.salespipeline.api.spend;

import java.util.Objects;

import dev.salespipeline.api.Bounds;
import dev.salespipeline.api.target.TargetPeriod;

/**
 * The id of the marketing spend of one pipeline, source channel and period, for example
 * {@code spend/sales/referral/2026-Q4}. Built from those three alone, so that each pipeline, channel and period
 * has exactly one spend, whoever sets it and however often.
 *
 * <p>A channel is the text deals carry as their source channel: 1 to {@value Bounds#NAME_LENGTH} characters, not
 * blank, without {@code /} (which keeps the id unambiguous and the channel usable in a REST path) or {@code |}
 * (which separates the parts of a metric key), and not {@code -}, which metrics show for deals without a channel.
 */
public final class MarketingSpendIds {

    /** What a channel with a spend may be: see the class comment. */
    public static final String CHANNEL_PATTERN = "(?!-$)[^/|\\s][^/|]{0,99}";

    private MarketingSpendIds() {
    }

    /**
     * @throws IllegalArgumentException if the pipeline id is blank or contains {@code /}, or the channel is not
     *                                  one a spend may be set for
     */
    public static String of(String pipelineId, String channel, TargetPeriod period) {
        Objects.requireNonNull(pipelineId, "pipelineId");
        Objects.requireNonNull(period, "period");
        if (pipelineId.isBlank() || pipelineId.contains("/")) {
            throw new IllegalArgumentException("pipelineId must not be blank or contain '/': " + pipelineId);
        }
        checkChannel(channel);
        return "spend/" + pipelineId + "/" + channel + "/" + period;
    }

    /** @throws IllegalArgumentException if the channel does not match {@link #CHANNEL_PATTERN} */
    public static String checkChannel(String channel) {
        Objects.requireNonNull(channel, "channel");
        if (!channel.matches(CHANNEL_PATTERN)) {
            throw new IllegalArgumentException("a channel is 1 to " + Bounds.NAME_LENGTH
                    + " characters, not starting with a space, without '/' or '|', and not '-': "
                    + channel.substring(0, Math.min(channel.length(), Bounds.NAME_LENGTH)));
        }
        return channel;
    }
}
