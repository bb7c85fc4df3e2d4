-- The portal's store (SQLite). Dossiers are the core's `Dossier` as JSON in
-- `body`; the other columns are what queries and constraints need.

-- Each receiving unit's daily sequence (`unit-YYMMDD` -> last number drawn).
CREATE TABLE sequences (
    unit_day TEXT PRIMARY KEY NOT NULL,
    last     INTEGER NOT NULL
);

CREATE TABLE dossiers (
    code     TEXT PRIMARY KEY NOT NULL,
    owner    TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    seq_key  TEXT NOT NULL,
    seq      INTEGER NOT NULL,
    status   TEXT NOT NULL,
    received INTEGER NOT NULL,
    last_at  INTEGER NOT NULL,
    version  INTEGER NOT NULL,
    body     TEXT NOT NULL,
    -- Exactly once: one dossier per owner and idempotency key.
    CONSTRAINT dossiers_owner_key UNIQUE (owner, idem_key),
    CONSTRAINT dossiers_seq UNIQUE (seq_key, seq)
);
CREATE INDEX dossiers_owner_received ON dossiers (owner, received);
CREATE INDEX dossiers_open ON dossiers (status, last_at);

-- The inbox: one notice per step; `id` is the notice's number.
CREATE TABLE notices (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    owner   TEXT NOT NULL,
    code    TEXT NOT NULL REFERENCES dossiers (code),
    at      INTEGER NOT NULL,
    is_read INTEGER NOT NULL DEFAULT 0,
    body    TEXT NOT NULL
);
CREATE INDEX notices_owner ON notices (owner, id);

CREATE TABLE prefs (
    owner TEXT PRIMARY KEY NOT NULL,
    body  TEXT NOT NULL
);
