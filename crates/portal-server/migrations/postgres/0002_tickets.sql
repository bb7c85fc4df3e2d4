-- Short-lived, single-use tickets for the live status stream (GET /events):
-- an EventSource cannot send Authorization, so the app trades its token for
-- an opaque ticket first (POST /events/ticket). Kept in the database so any
-- replica can honour a ticket another issued.
CREATE TABLE tickets (
    id      TEXT PRIMARY KEY,
    owner   TEXT NOT NULL,
    expires BIGINT NOT NULL
);
CREATE INDEX tickets_expires ON tickets (expires);
