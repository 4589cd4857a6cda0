-- When a map was last read or written (or removed), in Unix milliseconds: retention
-- (`--retain-days`, `server purge`) removes maps and tombstones untouched for that long.
ALTER TABLE maps ADD COLUMN accessed_at INTEGER NOT NULL DEFAULT 0;
UPDATE maps SET accessed_at = COALESCE(deleted_at, updated_at);
CREATE INDEX IF NOT EXISTS maps_accessed_at ON maps (accessed_at);
-- The ciphertext's length in bytes, which the storage cap (`--storage-cap`) sums: with its
-- own index the sum reads the index, never the ciphertexts' pages.
ALTER TABLE maps ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
UPDATE maps SET size = LENGTH(ciphertext);
CREATE INDEX IF NOT EXISTS maps_size ON maps (size);
