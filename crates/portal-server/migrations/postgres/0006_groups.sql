-- Linked filings (liên thông): the core's `Group` as JSON in `body`. Its code
-- is its registration part's dossier code; the parts' dossiers are ordinary
-- rows of `dossiers` (their `part_of` names the group).
CREATE TABLE groups (
    code     TEXT PRIMARY KEY REFERENCES dossiers (code),
    owner    TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    received BIGINT NOT NULL,
    version  BIGINT NOT NULL,
    body     TEXT NOT NULL,
    -- Exactly once: one group per owner and idempotency key.
    CONSTRAINT groups_owner_key UNIQUE (owner, idem_key)
);
CREATE INDEX groups_owner_received ON groups (owner, received);
