package dev.salespipeline.api.pipeline;

/**
 * Fields of a deal that a stage can require to be filled before a deal may leave it
 * (for example no "Contract sent" without an amount).
 */
public enum DealField {
    AMOUNT,
    EXPECTED_CLOSE_DATE,
    CLIENT_COMPANY,
    CONTACT_PERSON,
    DECISION_MAKER,
    PHONE,
    EMAIL,
    INDUSTRY,
    SOURCE_CHANNEL,
    PRODUCT,
    NEXT_ACTION
}
