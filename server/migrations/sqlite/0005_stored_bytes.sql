-- The total the storage cap (`--storage-cap`) is checked against on every save, kept by
-- triggers in the save's own transaction. Summing the `size` index instead cost a save time
-- in proportion to the number of maps (about 2 ms at 50,000). PostgreSQL keeps the sum: its
-- writers run in parallel, and one counter row would make them queue for each other.
CREATE TABLE stored_bytes (
    only INTEGER PRIMARY KEY CHECK (only = 1),
    total INTEGER NOT NULL
);
INSERT INTO stored_bytes (only, total) SELECT 1, COALESCE(SUM(size), 0) FROM maps;
CREATE TRIGGER stored_bytes_insert AFTER INSERT ON maps BEGIN
    UPDATE stored_bytes SET total = total + NEW.size;
END;
CREATE TRIGGER stored_bytes_update AFTER UPDATE OF size ON maps BEGIN
    UPDATE stored_bytes SET total = total - OLD.size + NEW.size;
END;
CREATE TRIGGER stored_bytes_delete AFTER DELETE ON maps BEGIN
    UPDATE stored_bytes SET total = total - OLD.size;
END;
