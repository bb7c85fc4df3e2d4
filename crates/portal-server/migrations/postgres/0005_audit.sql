-- The officers' audit trail: who moved which dossier, when, to what.
CREATE TABLE audit (
    at      BIGINT NOT NULL,
    officer TEXT NOT NULL,
    code    TEXT NOT NULL,
    event   TEXT NOT NULL,
    status  TEXT NOT NULL
);
CREATE INDEX audit_code ON audit (code);
