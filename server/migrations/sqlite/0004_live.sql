-- Live co-editing. A map may have an edit link: its capability is kept only as its SHA-256
-- (`edit_cap_hash`, NULL when there is none); `edit_gen` goes up each time it is replaced or
-- removed, so the sessions opened with an older one can be found and closed, and their
-- writes refused. `live_seq` is the last sequence number given to an op of the map.
ALTER TABLE maps ADD COLUMN edit_cap_hash BLOB;
ALTER TABLE maps ADD COLUMN edit_gen INTEGER NOT NULL DEFAULT 0;
ALTER TABLE maps ADD COLUMN live_seq INTEGER NOT NULL DEFAULT 0;
-- The bounded log of ops, and the newest snapshot: ciphertext the browser made, as sent.
-- Times are Unix milliseconds.
CREATE TABLE IF NOT EXISTS live_ops (
    map_id TEXT NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    ciphertext BLOB NOT NULL,
    created INTEGER NOT NULL,
    PRIMARY KEY (map_id, seq)
);
CREATE TABLE IF NOT EXISTS live_snapshots (
    map_id TEXT PRIMARY KEY NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
    upto INTEGER NOT NULL,
    ciphertext BLOB NOT NULL,
    updated INTEGER NOT NULL
);
