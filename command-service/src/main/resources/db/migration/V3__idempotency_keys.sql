-- Results of commands sent with an Idempotency-Key header, per caller. A row is written in the same
-- transaction as the events its command stored, so a retried request either finds the first result
-- or finds nothing stored at all. request_hash tells a retry from a different request under the same key.

CREATE TABLE idempotency_keys (
    actor          VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(255) NOT NULL,
    request_hash   VARCHAR(64)  NOT NULL,
    status         INTEGER      NOT NULL,
    content_type   VARCHAR(255),
    etag           VARCHAR(255),
    location       VARCHAR(1000),
    body           BYTEA,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (actor, idempotency_key)
);

CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
