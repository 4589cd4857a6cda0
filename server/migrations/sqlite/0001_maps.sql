-- Shared maps. The server stores what the browser encrypted and cannot read it.
CREATE TABLE IF NOT EXISTS maps (
    id TEXT PRIMARY KEY NOT NULL,
    ciphertext BLOB NOT NULL,
    edit_token_hash BLOB NOT NULL,
    version INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
