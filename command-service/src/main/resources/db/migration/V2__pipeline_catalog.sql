-- The current definition of each pipeline, as deals are checked against it. Kept by the subscribing
-- event processor "pipeline-catalog" (JdbcPipelineCatalog) in the transaction that stores the
-- pipeline's events. definition holds the stages in order, the idle limit and the lost reasons;
-- last_sequence is the aggregate sequence number of the last event applied, which makes writes
-- idempotent; changed_at is that event's business time.

CREATE TABLE pipeline_catalog (
    pipeline_id   VARCHAR(255) NOT NULL,
    definition    JSONB        NOT NULL,
    last_sequence BIGINT       NOT NULL,
    changed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (pipeline_id)
);
