-- The portal's store (PostgreSQL). Dossiers are the core's `Dossier` as JSON
-- in `body` (TEXT, read back by serde); the other columns are what queries
-- and constraints need.

-- Each receiving unit's daily sequence (`unit-YYMMDD` -> last number drawn).
CREATE TABLE sequences (
    unit_day TEXT PRIMARY KEY,
    last     BIGINT NOT NULL
);

CREATE TABLE dossiers (
    code     TEXT PRIMARY KEY,
    owner    TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    seq_key  TEXT NOT NULL,
    seq      BIGINT NOT NULL,
    status   TEXT NOT NULL,
    received BIGINT NOT NULL,
    last_at  BIGINT NOT NULL,
    version  BIGINT NOT NULL,
    body     TEXT NOT NULL,
    -- Exactly once: one dossier per owner and idempotency key.
    CONSTRAINT dossiers_owner_key UNIQUE (owner, idem_key),
    CONSTRAINT dossiers_seq UNIQUE (seq_key, seq)
);
CREATE INDEX dossiers_owner_received ON dossiers (owner, received);
CREATE INDEX dossiers_open ON dossiers (status, last_at);

-- The inbox: one notice per step; `id` is the notice's number.
CREATE TABLE notices (
    id      BIGSERIAL PRIMARY KEY,
    owner   TEXT NOT NULL,
    code    TEXT NOT NULL REFERENCES dossiers (code),
    at      BIGINT NOT NULL,
    is_read BIGINT NOT NULL DEFAULT 0,
    body    TEXT NOT NULL
);
CREATE INDEX notices_owner ON notices (owner, id);

CREATE TABLE prefs (
    owner TEXT PRIMARY KEY,
    body  TEXT NOT NULL
);
