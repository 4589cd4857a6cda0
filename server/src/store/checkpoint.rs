//! WAL checkpoints off the write path. SQLite checkpoints inside the connection that commits,
//! each time the WAL passes 1,000 pages; with one connection doing every write (`writer.rs`)
//! that put a checkpoint's copying and syncing in front of whichever batch crossed the line, a
//! stall of tens of milliseconds every few hundred saves. The writer's connection turns that
//! off (`wal_autocheckpoint = 0`) and this task checkpoints instead, in three steps:
//!
//! 1. From the read pool, in PASSIVE mode, which never waits for the writer and never makes it
//!    wait: it copies what the log holds into the database file.
//! 2. It syncs the database file, holding no lock, so the pages just copied are on disk.
//! 3. The writer, between two commits, checkpoints what was committed since and syncs the
//!    database file again, which by then has little left to write.
//!
//! A checkpoint from the pool alone never caught up with a steady stream of saves: a commit
//! always landed while it synced the database file, so the log was never wholly copied when
//! the writer began its next commit, and SQLite starts the log afresh only then. The log grew
//! by every save (hundreds of megabytes a minute at 500 saves a second), and every commit
//! grew the file, so each of its syncs also waited for the file system's journal, behind the
//! checkpoint's writes: the save tail. After step 3 the writer's next commit starts the log
//! at its beginning.

use super::writer::Writer;
use sqlx::SqlitePool;
use std::fs::File;
use std::path::Path;
use std::time::Duration;

/// Often enough that each sync of the database file has little to write. The syncs of the
/// log, which every save waits for, queue behind it on the disk: at 500 saves a second of
/// 20 kB, a checkpoint every 500 ms synced 5 MB at a time and held some saves up by about
/// 10 ms; every 100 ms it syncs about 1 MB (`bench/README.md`, the save's p99).
const EVERY: Duration = Duration::from_millis(100);

/// Checkpoints the database in `file` until the pool is closed.
pub(super) fn start(reads: SqlitePool, writer: Writer, file: &Path) {
    // Opened once, read-only: syncing needs no more. An in-memory database has no file.
    let database = File::open(file).ok().map(std::sync::Arc::new);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        let mut checkpointed = writer.commits();
        loop {
            tick.tick().await;
            if reads.is_closed() {
                return;
            }
            // An idle server has nothing to copy.
            let commits = writer.commits();
            if commits == checkpointed {
                continue;
            }
            checkpointed = commits;
            if let Err(e) = checkpoint(&reads, &writer, database.clone()).await
                && !reads.is_closed()
            {
                tracing::warn!(error = %e, "the WAL checkpoint failed; the next one retries");
            }
        }
    });
}

async fn checkpoint(
    reads: &SqlitePool,
    writer: &Writer,
    database: Option<std::sync::Arc<File>>,
) -> Result<(), sqlx::Error> {
    sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
        .execute(reads)
        .await?;
    if let Some(database) = database {
        tokio::task::spawn_blocking(move || database.sync_data())
            .await
            .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))??;
    }
    writer.checkpoint().await
}
