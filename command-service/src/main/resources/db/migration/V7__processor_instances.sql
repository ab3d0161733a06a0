-- The command-service instances running against this event store, each renewing its row while it runs: how the
-- instances share the segments of their tracking processors (see SegmentBalancer).
CREATE TABLE processor_instances (
    instance_id VARCHAR(64)  PRIMARY KEY,
    seen_at     TIMESTAMPTZ  NOT NULL
);
