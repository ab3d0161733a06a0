package dev.salespipeline.api.activity;

/** What an outside system reports: a call or an email. */
public enum ActivityKind { CALL, EMAIL }
