package dev.salespipeline.api.alerts;

/** Whether an alert stands or is over. */
public enum AlertStatus {

    /** The condition holds: the alert stands. */
    RAISED,

    /** The condition no longer holds. */
    CLEARED
}
