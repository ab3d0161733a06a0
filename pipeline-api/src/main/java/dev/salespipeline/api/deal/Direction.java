package dev.salespipeline.api.deal;

/** Whether a call or email came in from the client or went out to them. */
public enum Direction { INBOUND, OUTBOUND }
