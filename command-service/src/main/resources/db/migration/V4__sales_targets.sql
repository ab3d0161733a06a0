-- The current sales targets, as GET /pipelines/{pipelineId}/targets lists them. Kept by the subscribing
-- event processor "sales-targets" (SalesTargetTable) in the transaction that stores the targets'
-- events. team_id is the team the target belongs to (null for an owner target set without one);
-- amount keeps the scale it was given in; last_sequence is the aggregate sequence number of the last
-- event applied, which is the target's version and makes writes idempotent; changed_at is that
-- event's business time. A withdrawn target keeps its row, with withdrawn_at set.

CREATE TABLE sales_targets (
    target_id     VARCHAR(255) NOT NULL,
    pipeline_id   VARCHAR(255) NOT NULL,
    subject_type  VARCHAR(10)  NOT NULL,
    subject_id    VARCHAR(255) NOT NULL,
    team_id       VARCHAR(255),
    period        VARCHAR(7)   NOT NULL,
    amount        NUMERIC      NOT NULL,
    currency      CHAR(3)      NOT NULL,
    last_sequence BIGINT       NOT NULL,
    changed_at    TIMESTAMPTZ  NOT NULL,
    withdrawn_at  TIMESTAMPTZ,
    PRIMARY KEY (target_id)
);

CREATE INDEX sales_targets_pipeline_period ON sales_targets (pipeline_id, period);
