package dev.salespipeline.api.alerts;

/** Which limit a stalled deal has exceeded. */
public enum StallReason {

    /** The deal has been in its current stage longer than the stage's time limit. */
    STAGE_TIME_LIMIT,

    /** The deal has gone without activity longer than its pipeline's idle limit. */
    IDLE_LIMIT
}
