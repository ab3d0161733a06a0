package dev.salespipeline.api.deal;

import java.util.Objects;

import dev.salespipeline.api.Bounds;

/**
 * The descriptive fields of a deal's card.
 *
 * @param sourceChannel where the lead came from: ads, email campaign, referral, cold call, website form...
 */
public record DealDetails(String title, ClientInfo client, String sourceChannel, String product) {

    public DealDetails {
        Objects.requireNonNull(title, "title");
        client = client == null ? ClientInfo.NONE : client;
        Bounds.text("title", title, Bounds.TITLE_LENGTH);
        Bounds.text("sourceChannel", sourceChannel, Bounds.NAME_LENGTH);
        Bounds.text("product", product, Bounds.TITLE_LENGTH);
    }
}
