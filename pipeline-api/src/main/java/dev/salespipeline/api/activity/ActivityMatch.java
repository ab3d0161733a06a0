package dev.salespipeline.api.activity;

/** How an ingested activity found its deal, or that it found none. */
public enum ActivityMatch {
    /** The report named the deal. */
    DEAL_ID,
    /** The open deal whose contact has the call's phone number (the most recently active one if several). */
    PHONE,
    /** The open deal whose contact has the email's client-side address (the most recently active one if several). */
    EMAIL,
    /** No deal: the activity waits in the unmatched list until someone attaches it to a deal. */
    UNMATCHED
}
