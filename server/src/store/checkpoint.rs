//! WAL checkpoints off the write path. SQLite checkpoints inside the connection that commits,
//! each time the WAL passes 1,000 pages; with one connection doing every write (`writer.rs`)
//! that put a checkpoint's copying and syncing in front of whichever batch crossed the line, a
//! stall of tens of milliseconds every few hundred saves. The writer's connection turns that
//! off (`wal_autocheckpoint = 0`) and this task checkpoints from the read pool instead, in
//! PASSIVE mode, which never waits for the writer and never makes it wait.

use sqlx::SqlitePool;
use std::time::Duration;

/// Often enough that the WAL stays a few megabytes under a steady stream of saves.
const EVERY: Duration = Duration::from_millis(500);

/// Checkpoints until the pool is closed.
pub(super) fn start(reads: SqlitePool) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(EVERY);
        loop {
            tick.tick().await;
            if reads.is_closed() {
                return;
            }
            let done = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
                .execute(&reads)
                .await;
            if let Err(e) = done
                && !reads.is_closed()
            {
                tracing::warn!(error = %e, "the WAL checkpoint failed; the next one retries");
            }
        }
    });
}
