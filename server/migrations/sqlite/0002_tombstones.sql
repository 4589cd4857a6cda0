-- A map whose owner stopped sharing it stays as a tombstone: its ciphertext is emptied and
-- `deleted_at` set, so its link answers "removed" (410) rather than "unknown" (404).
ALTER TABLE maps ADD COLUMN deleted_at INTEGER;
