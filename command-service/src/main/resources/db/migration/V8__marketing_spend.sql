-- The current marketing spend, as GET /pipelines/{pipelineId}/marketing-spend lists it. Kept by the subscribing
-- event processor "marketing-spend" (MarketingSpendTable) in the transaction that stores the spend's events.
-- amount keeps the scale it was given in; last_sequence is the aggregate sequence number of the last event
-- applied, which is the spend's version and makes writes idempotent; changed_at is that event's business time.
-- A withdrawn spend keeps its row, with withdrawn_at set.

CREATE TABLE marketing_spend (
    spend_id      VARCHAR(255) NOT NULL,
    pipeline_id   VARCHAR(255) NOT NULL,
    channel       VARCHAR(100) NOT NULL,
    period        VARCHAR(7)   NOT NULL,
    amount        NUMERIC      NOT NULL,
    currency      CHAR(3)      NOT NULL,
    last_sequence BIGINT       NOT NULL,
    changed_at    TIMESTAMPTZ  NOT NULL,
    withdrawn_at  TIMESTAMPTZ,
    PRIMARY KEY (spend_id)
);

CREATE INDEX marketing_spend_pipeline_period ON marketing_spend (pipeline_id, period);
