-- Who each deal belongs to and how to reach its client: what activity ingest needs to match a reported
-- call or email to a deal, and to check who may attach an activity to which deal. Kept by the
-- subscribing event processor "deal-directory" (DealDirectory) in the transaction that stores the
-- deal's events.
-- phone_key: the contact's phone number reduced to its digits (a leading 00 dropped, so "+49 30 1234"
-- and "0049 30-1234" agree); email_key: the contact's address, trimmed and in lower case.
-- last_event_at: business time of the deal's latest event, which picks the most recently active deal
-- when several open deals share a contact. last_sequence makes writes idempotent.

CREATE TABLE deal_directory (
    deal_id       VARCHAR(255) NOT NULL,
    pipeline_id   VARCHAR(255) NOT NULL,
    owner_id      VARCHAR(255) NOT NULL,
    team_id       VARCHAR(255),
    is_open       BOOLEAN      NOT NULL,
    phone_key     VARCHAR(64),
    email_key     VARCHAR(320),
    last_event_at TIMESTAMPTZ  NOT NULL,
    last_sequence BIGINT       NOT NULL,
    PRIMARY KEY (deal_id)
);

CREATE INDEX deal_directory_open_phone ON deal_directory (phone_key, last_event_at DESC) WHERE is_open;
CREATE INDEX deal_directory_open_email ON deal_directory (email_key, last_event_at DESC) WHERE is_open;
