//! All SQL lives here. One `Store`, two backends: a SQLite file (the default) or PostgreSQL
//! when the URL says so. Both take the same statements (`$1`-style parameters work in both)
//! and keep the same rows:
//!
//! `maps(id, ciphertext, edit_token_hash, version, created_at, updated_at, deleted_at,
//! accessed_at, size)`
//!
//! where `ciphertext` is what the browser encrypted, stored as given, a removed map is a
//! tombstone (`deleted_at` set, `ciphertext` empty) so its link can say "removed", not
//! "unknown", `accessed_at` is when the map was last read or written (or removed), which is
//! what retention counts from, and `size` is the ciphertext's length in bytes, which the storage
//! cap counts. Live co-editing's rows are in `live.rs`; a map's live rows go with it.

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Connection, SqliteConnection, SqlitePool};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

/// The total of stored ciphertext, in bytes (the same words in both backends). It sums the
/// `size` column, which has its own index, so the sum never reads the ciphertexts' pages.
const STORED_BYTES: &str = "(SELECT COALESCE(SUM(size), 0) FROM maps)";

/// The same total as SQLite's triggers keep it (migration 0005), read by every save there.
const STORED_BYTES_KEPT: &str = "(SELECT total FROM stored_bytes)";

/// A read marks a map as used at most this often (Unix milliseconds), so reading is not a write
/// each time; retention counts in days.
const TOUCH_EVERY_MS: i64 = 3_600_000;

#[derive(Clone)]
pub struct Store {
    pool: Pool,
}

#[derive(Clone)]
enum Pool {
    /// Reads go to the pool; every write goes to the writer (`writer.rs`).
    Sqlite {
        reads: SqlitePool,
        writer: Writer,
    },
    Postgres(PgPool),
}

/// Runs the same code on whichever pool the store has; `$pool` is bound to it. For reads.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match &$store.pool {
            Pool::Sqlite { reads: $pool, .. } => $body,
            Pool::Postgres($pool) => $body,
        }
    };
}

/// Runs a write, `$body` (a `Result`) with `$conn` bound to a `&mut` connection: on SQLite in
/// the writer's next group commit, on PostgreSQL on a connection of the pool, in a
/// transaction of its own if the first word is `transaction` (on SQLite the savepoint the
/// writer gives every write makes it one). The writer outlives the request, so the borrowed
/// arguments named in `owned(…)` are copied for it; `$body` sees them borrowed either way.
macro_rules! on_writer {
    ($store:expr, owned($($arg:ident),*), |$conn:ident| $body:expr) => {
        match &$store.pool {
            Pool::Sqlite { writer, .. } => on_writer!(@sqlite writer, owned($($arg),*), |$conn| $body),
            Pool::Postgres(pool) => {
                async {
                    let mut connection = pool.acquire().await?;
                    let $conn = &mut *connection;
                    $body
                }
                .await
            }
        }
    };
    ($store:expr, transaction, owned($($arg:ident),*), |$conn:ident| $body:expr) => {
        match &$store.pool {
            Pool::Sqlite { writer, .. } => on_writer!(@sqlite writer, owned($($arg),*), |$conn| $body),
            Pool::Postgres(pool) => {
                async {
                    let mut transaction = pool.begin().await?;
                    let $conn = &mut *transaction;
                    let value: Result<_, sqlx::Error> = $body;
                    let value = value?;
                    transaction.commit().await?;
                    Ok::<_, sqlx::Error>(value)
                }
                .await
            }
        }
    };
    (@sqlite $writer:ident, owned($($arg:ident),*), |$conn:ident| $body:expr) => {{
        $(let $arg = $arg.to_owned();)*
        $writer
            .write(move |$conn| Box::pin(async move {
                $(let $arg = &*$arg;)*
                $body
            }))
            .await
    }};
}

mod checkpoint;
mod live;
mod writer;

use writer::Writer;

pub use live::{Announce, LiveMap, LiveRefusal, LogBound};

/// A shared map as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredMap {
    /// Empty for a removed map.
    pub ciphertext: Vec<u8>,
    /// SHA-256 of the edit token's bytes.
    pub edit_token_hash: Vec<u8>,
    pub version: i64,
    pub removed: bool,
}

type Row = (Vec<u8>, Vec<u8>, i64, Option<i64>);

impl From<Row> for StoredMap {
    fn from((ciphertext, edit_token_hash, version, deleted_at): Row) -> StoredMap {
        StoredMap {
            ciphertext,
            edit_token_hash,
            version,
            removed: deleted_at.is_some(),
        }
    }
}

/// Whether a database URL names PostgreSQL (anything else is taken as SQLite).
pub fn is_postgres_url(url: &str) -> bool {
    url.starts_with("postgres://") || url.starts_with("postgresql://")
}

/// The file a SQLite URL names, when it is not there.
pub fn missing_sqlite_file(url: &str) -> Option<std::path::PathBuf> {
    if is_postgres_url(url) {
        return None;
    }
    let file = SqliteConnectOptions::from_str(url)
        .ok()?
        .get_filename()
        .to_owned();
    (!file.exists()).then_some(file)
}

impl Store {
    /// Opens the database at `url`. A SQLite file (and its folder) is created if missing and
    /// opened in WAL mode with `synchronous = FULL`, so an acknowledged save survives a crash
    /// or a power cut and readers never wait for a writer; its writes are group-committed by
    /// one connection of their own (`writer.rs`), its reads go to a pool, and the two take
    /// turns checkpointing the WAL (`checkpoint.rs`).
    pub async fn open(url: &str) -> Result<Store, sqlx::Error> {
        if is_postgres_url(url) {
            let pool = PgPoolOptions::new()
                .max_connections(8)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            return Ok(Store {
                pool: Pool::Postgres(pool),
            });
        }
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(Duration::from_secs(10))
            .foreign_keys(true);
        let file = options.get_filename().to_owned();
        create_private(&file)?;
        let writer = Writer::start(
            SqliteConnection::connect_with(&options.clone().pragma("wal_autocheckpoint", "0"))
                .await?,
        );
        let reads = SqlitePoolOptions::new()
            .max_connections(4)
            .connect_with(options)
            .await?;
        checkpoint::start(reads.clone(), writer.clone(), &file);
        Ok(Store {
            pool: Pool::Sqlite { reads, writer },
        })
    }

    /// "sqlite" or "postgres", for logs and tests.
    pub fn backend(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite { .. } => "sqlite",
            Pool::Postgres(_) => "postgres",
        }
    }

    /// Brings the schema up to date; each backend has its own folder of migrations.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match &self.pool {
            Pool::Sqlite { reads, .. } => sqlx::migrate!("./migrations/sqlite").run(reads).await,
            Pool::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await,
        }
    }

    /// Answers when the database does.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        on_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|_| ()))
    }

    /// Stores a new map at version 1, unless the total of stored ciphertext would then pass
    /// `cap` bytes (checked in the same statement). Answers whether it was stored. `now` is
    /// Unix milliseconds.
    pub async fn create(
        &self,
        id: &str,
        ciphertext: &[u8],
        edit_token_hash: &[u8],
        now: i64,
        cap: Option<u64>,
    ) -> Result<bool, sqlx::Error> {
        let sql = format!(
            "INSERT INTO maps (id, ciphertext, edit_token_hash, version, created_at, updated_at, \
             deleted_at, accessed_at, size) SELECT $1, $2, $3, 1, $4, $4, NULL, $4, $5 \
             WHERE {stored} + $5 <= $6",
            stored = self.stored_bytes_kept()
        );
        let done = on_writer!(self, owned(id, ciphertext, edit_token_hash), |conn| {
            sqlx::query(&sql)
                .bind(id)
                .bind(ciphertext)
                .bind(edit_token_hash)
                .bind(now)
                .bind(byte_count(ciphertext.len()))
                .bind(cap_bytes(cap))
                .execute(conn)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// The total a save checks the cap against: kept by triggers on SQLite, summed on
    /// PostgreSQL.
    fn stored_bytes_kept(&self) -> &'static str {
        match self.pool {
            Pool::Sqlite { .. } => STORED_BYTES_KEPT,
            Pool::Postgres(_) => STORED_BYTES,
        }
    }

    /// The total of stored ciphertext, in bytes (what `cap` counts), summed afresh.
    pub async fn stored_bytes(&self) -> Result<i64, sqlx::Error> {
        let sql = format!("SELECT CAST({STORED_BYTES} AS BIGINT)");
        let (total,): (i64,) = on_pool!(self, |pool| sqlx::query_as(&sql).fetch_one(pool).await)?;
        Ok(total)
    }

    /// How many maps (tombstones included) are kept.
    pub async fn count(&self) -> Result<i64, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM maps";
        let (count,): (i64,) = on_pool!(self, |pool| sqlx::query_as(SQL).fetch_one(pool).await)?;
        Ok(count)
    }

    /// Marks a live map as read at `now` (at most once an hour, so reads stay reads: the
    /// check is a read, and only a map not marked for an hour waits for a write).
    pub async fn touch(&self, id: &str, now: i64) -> Result<(), sqlx::Error> {
        const STALE: &str = "WHERE id = $1 AND deleted_at IS NULL AND accessed_at < $2";
        let stale: Option<(String,)> = on_pool!(self, |pool| sqlx::query_as(&format!(
            "SELECT id FROM maps {STALE}"
        ))
        .bind(id)
        .bind(now - TOUCH_EVERY_MS)
        .fetch_optional(pool)
        .await)?;
        if stale.is_none() {
            return Ok(());
        }
        on_writer!(self, owned(id), |conn| {
            sqlx::query(&format!("UPDATE maps SET accessed_at = $3 {STALE}"))
                .bind(id)
                .bind(now - TOUCH_EVERY_MS)
                .bind(now)
                .execute(conn)
                .await
                .map(|_| ())
        })
    }

    /// Deletes every map and tombstone last read or written before `cutoff` (Unix
    /// milliseconds); answers how many.
    pub async fn purge(&self, cutoff: i64) -> Result<u64, sqlx::Error> {
        const SQL: &str = "DELETE FROM maps WHERE accessed_at < $1";
        on_writer!(self, owned(), |conn| sqlx::query(SQL)
            .bind(cutoff)
            .execute(conn)
            .await
            .map(|r| r.rows_affected()))
    }

    /// The map with this id, removed or not; `None` if there never was one.
    pub async fn get(&self, id: &str) -> Result<Option<StoredMap>, sqlx::Error> {
        const SQL: &str =
            "SELECT ciphertext, edit_token_hash, version, deleted_at FROM maps WHERE id = $1";
        let row: Option<Row> = on_pool!(self, |pool| sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(pool)
            .await)?;
        Ok(row.map(StoredMap::from))
    }

    /// Replaces the ciphertext if the map is still at `base_version`, not removed, and the
    /// total of stored ciphertext stays within `cap` bytes, in one statement, so of any number
    /// of concurrent updates from one version exactly one wins. Returns the new version, or
    /// `None` if nothing was changed.
    pub async fn update_if_version(
        &self,
        id: &str,
        base_version: i64,
        ciphertext: &[u8],
        now: i64,
        cap: Option<u64>,
    ) -> Result<Option<i64>, sqlx::Error> {
        let sql = format!(
            "UPDATE maps SET ciphertext = $1, version = version + 1, updated_at = $2, \
             accessed_at = $2, size = $5 WHERE id = $3 AND version = $4 AND deleted_at IS NULL \
             AND {stored} - size + $5 <= $6",
            stored = self.stored_bytes_kept()
        );
        let done = on_writer!(self, owned(id, ciphertext), |conn| {
            sqlx::query(&sql)
                .bind(ciphertext)
                .bind(now)
                .bind(id)
                .bind(base_version)
                .bind(byte_count(ciphertext.len()))
                .bind(cap_bytes(cap))
                .execute(conn)
                .await
                .map(|r| r.rows_affected())
        })?;
        Ok((done == 1).then_some(base_version + 1))
    }

    /// Turns a map into a tombstone: drops its ciphertext, its edit link and its live log and
    /// snapshot, keeps its id. Returns whether it was there to remove.
    pub async fn remove(&self, id: &str, now: i64) -> Result<bool, sqlx::Error> {
        const SQL: &str = "UPDATE maps SET ciphertext = $1, version = version + 1, \
            updated_at = $2, deleted_at = $2, accessed_at = $2, size = 0, \
            edit_cap_hash = NULL, edit_gen = edit_gen + 1 \
            WHERE id = $3 AND deleted_at IS NULL";
        on_writer!(self, transaction, owned(id), |conn| {
            let done = sqlx::query(SQL)
                .bind(Vec::<u8>::new())
                .bind(now)
                .bind(id)
                .execute(&mut *conn)
                .await?
                .rows_affected();
            for table in ["live_ops", "live_snapshots"] {
                sqlx::query(&format!("DELETE FROM {table} WHERE map_id = $1"))
                    .bind(id)
                    .execute(&mut *conn)
                    .await?;
            }
            Ok(done == 1)
        })
    }

    /// Checks the database's own structures: SQLite's `PRAGMA integrity_check` (`"ok"` when
    /// sound); on PostgreSQL the `amcheck` extension over the table and its primary key
    /// (`"ok"`, or what it found).
    pub async fn integrity_check(&self) -> Result<String, sqlx::Error> {
        match &self.pool {
            Pool::Sqlite { reads, .. } => sqlite_integrity(reads).await,
            Pool::Postgres(pool) => {
                sqlx::query("CREATE EXTENSION IF NOT EXISTS amcheck")
                    .execute(pool)
                    .await?;
                let problems: Vec<(Option<String>,)> =
                    sqlx::query_as("SELECT msg FROM verify_heapam('maps')")
                        .fetch_all(pool)
                        .await?;
                sqlx::query("SELECT bt_index_check('maps_pkey'::regclass, true)")
                    .execute(pool)
                    .await?;
                if problems.is_empty() {
                    Ok("ok".to_owned())
                } else {
                    Ok(problems
                        .into_iter()
                        .map(|(msg,)| msg.unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join("\n"))
                }
            }
        }
    }

    /// Copies a SQLite database to `file`, which must not exist yet (it is made with mode
    /// 0600), with `VACUUM INTO`, then answers `PRAGMA integrity_check` on the copy (`"ok"`
    /// when sound). PostgreSQL has its own tool for this.
    pub async fn backup(&self, file: &Path) -> Result<String, BackupError> {
        let Pool::Sqlite { reads: pool, .. } = &self.pool else {
            return Err(BackupError::Postgres);
        };
        let path = file.to_str().ok_or(BackupError::Path)?;
        // `VACUUM INTO` takes an empty file, so it gets the mode given here.
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(file)
            .map_err(BackupError::File)?;
        sqlx::query("VACUUM INTO $1")
            .bind(path)
            .execute(pool)
            .await?;
        let copy = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(SqliteConnectOptions::new().filename(file).read_only(true))
            .await?;
        let verdict = sqlite_integrity(&copy).await;
        copy.close().await;
        Ok(verdict?)
    }

    /// Closes every connection, after the writes already sent (a SQLite file is
    /// checkpointed).
    pub async fn close(&self) {
        if let Pool::Sqlite { writer, .. } = &self.pool {
            writer.close().await;
        }
        on_pool!(self, |pool| pool.close().await)
    }
}

async fn sqlite_integrity(pool: &SqlitePool) -> Result<String, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check")
        .fetch_all(pool)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(line,)| line)
        .collect::<Vec<_>>()
        .join("\n"))
}

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error("the database is PostgreSQL: back it up with pg_dump")]
    Postgres,
    #[error("the backup file's name is not valid UTF-8")]
    Path,
    #[error("the backup file could not be created: {0}")]
    File(std::io::Error),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Creates a SQLite file (and its folder) readable by its owner only, if it is not there yet;
/// SQLite gives its `-wal` and `-shm` files the database file's mode.
fn create_private(file: &Path) -> std::io::Result<()> {
    if file.as_os_str() == ":memory:" {
        return Ok(());
    }
    if let Some(dir) = file.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(file)
    {
        Ok(mut created) => created.flush(),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn byte_count(len: usize) -> i64 {
    i64::try_from(len).unwrap_or(i64::MAX)
}

/// No cap is a cap no database reaches.
fn cap_bytes(cap: Option<u64>) -> i64 {
    cap.map_or(i64::MAX, |bytes| i64::try_from(bytes).unwrap_or(i64::MAX))
}
