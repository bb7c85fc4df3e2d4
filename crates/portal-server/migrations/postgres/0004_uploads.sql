-- Attachments uploaded in chunks, resumable: `received` bytes are stored so
-- far (the offset the next chunk must start at), as parts keyed by where they
-- start. An upload is the owner's (and the officers'); a dossier names it.
CREATE TABLE uploads (
    id       TEXT PRIMARY KEY,
    owner    TEXT NOT NULL,
    name     TEXT NOT NULL,
    mime     TEXT NOT NULL,
    size     BIGINT NOT NULL,
    received BIGINT NOT NULL,
    created  BIGINT NOT NULL
);
CREATE TABLE upload_parts (
    upload_id TEXT NOT NULL REFERENCES uploads (id) ON DELETE CASCADE,
    start_at  BIGINT NOT NULL,
    bytes     BYTEA NOT NULL,
    PRIMARY KEY (upload_id, start_at)
);
