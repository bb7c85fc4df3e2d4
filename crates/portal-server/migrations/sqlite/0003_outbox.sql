-- Messages that leave the machine (SMS through the gateway, e-mail through
-- SMTP), one row per message to send, with its delivery state. `address`
-- (a phone number or e-mail address) is personal data: kept here to send,
-- never logged. `fallback_address`: the e-mail to try if this SMS fails for good.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    code             TEXT NOT NULL REFERENCES dossiers (code),
    step             INTEGER NOT NULL,
    notice_id        INTEGER NOT NULL,
    channel          TEXT NOT NULL,
    fallback         INTEGER NOT NULL DEFAULT 0,
    address          TEXT NOT NULL,
    fallback_address TEXT NOT NULL DEFAULT '',
    state            TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_at          INTEGER NOT NULL,
    provider_id      TEXT NOT NULL DEFAULT '',
    created          INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_at);
CREATE INDEX outbox_step ON outbox (code, step);

-- A notice also shown because every message the citizen chose failed for good.
ALTER TABLE notices ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
