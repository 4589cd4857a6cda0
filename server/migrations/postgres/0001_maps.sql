-- Shared maps. The server stores what the browser encrypted and cannot read it.
-- A map whose owner stopped sharing it stays as a tombstone: its ciphertext is emptied and
-- `deleted_at` set, so its link answers "removed" (410) rather than "unknown" (404).
-- Times are Unix milliseconds.
CREATE TABLE IF NOT EXISTS maps (
    id TEXT PRIMARY KEY NOT NULL,
    ciphertext BYTEA NOT NULL,
    edit_token_hash BYTEA NOT NULL,
    version BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
