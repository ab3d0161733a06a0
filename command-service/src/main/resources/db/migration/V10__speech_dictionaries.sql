-- The company's speech dictionaries as they are now, as GET /speech-dictionaries lists them and as calls are checked
-- against them when logged. Kept by the subscribing event processor "speech-dictionaries" (SpeechDictionaryTable) in
-- the transaction that stores the dictionary's events. phrases is a JSON array of strings; last_sequence is the
-- aggregate sequence number of the last event applied (the dictionary's version, which makes writes idempotent);
-- changed_at is that event's business time. A withdrawn dictionary keeps its row, with withdrawn_at set.

CREATE TABLE speech_dictionaries (
    dictionary_id VARCHAR(100) NOT NULL,
    language      CHAR(2)      NOT NULL,
    list          VARCHAR(40)  NOT NULL,
    phrases       JSONB        NOT NULL,
    last_sequence BIGINT       NOT NULL,
    changed_at    TIMESTAMPTZ  NOT NULL,
    withdrawn_at  TIMESTAMPTZ,
    PRIMARY KEY (dictionary_id)
);
