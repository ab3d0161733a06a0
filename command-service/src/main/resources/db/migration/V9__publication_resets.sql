-- Requests to publish the event store again (POST /admin/republication). A reset of the Kafka publisher's tokens
-- needs the claim on every segment, which the command-service instances share: each instance watches this table,
-- stops its publisher while a request waits (reset_at and abandoned_at null), and the first one that can claim
-- every segment resets the tokens and sets reset_at in the same transaction; then all of them start publishing
-- again (see Republication). A request no instance could carry out in time is abandoned, never left waiting.
CREATE TABLE publication_resets (
    id             BIGSERIAL    PRIMARY KEY,
    from_position  BIGINT       NOT NULL,
    until_position BIGINT       NOT NULL,
    requested_at   TIMESTAMPTZ  NOT NULL,
    reset_at       TIMESTAMPTZ,
    reset_by       VARCHAR(255),
    abandoned_at   TIMESTAMPTZ
);
