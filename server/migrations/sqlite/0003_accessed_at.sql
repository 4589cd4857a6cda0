-- When a map was last read or written (or removed), in Unix milliseconds: retention
-- (`--retain-days`, `server purge`) removes maps and tombstones untouched for that long.
ALTER TABLE maps ADD COLUMN accessed_at INTEGER NOT NULL DEFAULT 0;
UPDATE maps SET accessed_at = COALESCE(deleted_at, updated_at);
CREATE INDEX IF NOT EXISTS maps_accessed_at ON maps (accessed_at);
