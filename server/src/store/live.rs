//! The rows of live co-editing:
//!
//! `maps.edit_cap_hash` (SHA-256 of the edit capability, NULL without an edit link),
//! `maps.edit_gen` (up by one each time the edit link is replaced or removed), `maps.live_seq`
//! (the last sequence number given out), `live_ops(map_id, seq, ciphertext, created)` (the
//! bounded log) and `live_snapshots(map_id, upto, ciphertext, updated)` (the newest snapshot).
//!
//! A sequence number is taken from `maps.live_seq` in the transaction that stores the op, so
//! two server processes on one database never hand out the same one, and numbers have no
//! gaps: a failed write gives its number back. The same row lock orders the commits of a
//! map's ops by their numbers, which is what lets PostgreSQL's NOTIFY, sent in that
//! transaction, reach the other processes in order.

use super::{Pool, Store};
use sqlx::postgres::PgListener;

/// A shared map as the live relay sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveMap {
    pub removed: bool,
    pub edit_cap_hash: Option<Vec<u8>>,
    pub edit_gen: i64,
    /// The last sequence number given out (0: none yet).
    pub seq: i64,
    /// What the newest snapshot includes (0: there is none).
    pub snapshot_upto: i64,
}

/// Why a live write was not stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveRefusal {
    Removed,
    /// The edit link the session opened with was replaced or removed.
    Revoked,
    /// As many ops as the log may hold without a snapshot.
    LogFull,
    /// A snapshot of ops the log does not have.
    SnapshotAhead,
}

/// How much of the log is kept: the newest `keep` ops always; older ones until a snapshot
/// includes them; and at most `uncovered` ops after the newest snapshot.
#[derive(Clone, Copy, Debug)]
pub struct LogBound {
    pub keep: i64,
    pub uncovered: i64,
    /// Bytes of ciphertext the log may hold (`None`: no such bound): without it, `uncovered`
    /// ops of the largest frame could hold a gigabyte for one map.
    pub bytes: Option<i64>,
}

/// Who hears of a new op on PostgreSQL, by a NOTIFY in the transaction that stores it:
/// `{"t":"op","map","seq","from","c"}`, `c` the ciphertext's text or null (then the listener
/// reads the op from the table).
#[derive(Clone, Copy, Debug)]
pub struct Announce<'a> {
    pub channel: &'a str,
    pub from: &'a str,
    pub inline: Option<&'a str>,
}

type LiveRow = (Option<i64>, Option<Vec<u8>>, i64, i64, i64);

const LIVE_MAP: &str = "SELECT deleted_at, edit_cap_hash, edit_gen, live_seq, \
    COALESCE((SELECT upto FROM live_snapshots WHERE map_id = maps.id), 0) \
    FROM maps WHERE id = $1";

/// Takes the next number, if the map is shared, the session's edit link still stands and the
/// log has room for one more op: by count, and, given `bytes` (the SQL for the op's size and
/// for the cap, as the two backends number their parameters differently), by size. Answers
/// the number and what the newest snapshot includes.
fn next_seq(bytes: Option<(&str, &str)>) -> String {
    let room = bytes.map_or(String::new(), |(size, cap)| {
        format!(
            " AND (SELECT COALESCE(SUM(length(ciphertext)), 0) FROM live_ops \
             WHERE map_id = $1) + {size} <= {cap}"
        )
    });
    format!(
        "UPDATE maps SET live_seq = live_seq + 1, accessed_at = $2 \
         WHERE id = $1 AND deleted_at IS NULL AND edit_gen = $3 \
         AND live_seq - COALESCE((SELECT upto FROM live_snapshots WHERE map_id = $1), 0) < $4{room} \
         RETURNING live_seq, \
             COALESCE((SELECT upto FROM live_snapshots WHERE map_id = $1), 0) AS covered"
    )
}

/// Drops what a snapshot includes, beyond the newest ops kept.
const PRUNE: &str = "DELETE FROM live_ops WHERE map_id = $1 AND seq <= $2";

/// Stores a snapshot if it is newer than the one kept, the map is shared, the session's edit
/// link stands and the log has every op it claims.
const PUT_SNAPSHOT: &str = "INSERT INTO live_snapshots (map_id, upto, ciphertext, updated) \
    SELECT $1, $2, $3, $4 FROM maps \
    WHERE id = $1 AND deleted_at IS NULL AND edit_gen = $5 AND live_seq >= $2 \
    ON CONFLICT (map_id) DO UPDATE SET upto = excluded.upto, ciphertext = excluded.ciphertext, \
    updated = excluded.updated WHERE live_snapshots.upto < excluded.upto";

impl Store {
    /// The map's live state; `None` if there never was such a map.
    pub async fn live_map(&self, id: &str) -> Result<Option<LiveMap>, sqlx::Error> {
        let row: Option<LiveRow> = on_pool!(self, |pool| sqlx::query_as(LIVE_MAP)
            .bind(id)
            .fetch_optional(pool)
            .await)?;
        Ok(row.map(
            |(deleted_at, edit_cap_hash, edit_gen, seq, snapshot_upto)| LiveMap {
                removed: deleted_at.is_some(),
                edit_cap_hash,
                edit_gen,
                seq,
                snapshot_upto,
            },
        ))
    }

    /// Sets the edit capability's hash (`None`: no edit link) of a shared map and moves its
    /// generation on; answers the new generation, or `None` if the map is not shared.
    pub async fn set_edit_capability(
        &self,
        id: &str,
        hash: Option<&[u8]>,
        now: i64,
    ) -> Result<Option<i64>, sqlx::Error> {
        const SQL: &str = "UPDATE maps SET edit_cap_hash = $1, edit_gen = edit_gen + 1, \
            accessed_at = $2 WHERE id = $3 AND deleted_at IS NULL RETURNING edit_gen";
        let hash = hash.map(<[u8]>::to_vec);
        let row: Option<(i64,)> = on_writer!(self, owned(id), |conn| sqlx::query_as(SQL)
            .bind(hash)
            .bind(now)
            .bind(id)
            .fetch_optional(conn)
            .await)?;
        Ok(row.map(|(generation,)| generation))
    }

    /// Appends an op to the map's log under the next sequence number, for a session opened
    /// with edit generation `generation`, and drops what the bound lets go, in one
    /// transaction (on PostgreSQL one statement, which also sends `announce`).
    pub async fn append_op(
        &self,
        id: &str,
        generation: i64,
        ciphertext: &[u8],
        now: i64,
        bound: LogBound,
        announce: Announce<'_>,
    ) -> Result<Result<i64, LiveRefusal>, sqlx::Error> {
        let seq = match &self.pool {
            Pool::Sqlite { writer, .. } => {
                let sql = next_seq(bound.bytes.map(|_| ("$5", "$6")));
                let next: Option<(i64, i64)> = on_writer!(@sqlite writer, owned(id, ciphertext), |conn| {
                    let query = sqlx::query_as(&sql)
                        .bind(id)
                        .bind(now)
                        .bind(generation)
                        .bind(bound.uncovered);
                    let query = match bound.bytes {
                        Some(cap) => query.bind(ciphertext.len() as i64).bind(cap),
                        None => query,
                    };
                    let next: Option<(i64, i64)> = query.fetch_optional(&mut *conn).await?;
                    if let Some((seq, upto)) = next {
                        sqlx::query(
                            "INSERT INTO live_ops (map_id, seq, ciphertext, created) \
                             VALUES ($1, $2, $3, $4)",
                        )
                        .bind(id)
                        .bind(seq)
                        .bind(ciphertext)
                        .bind(now)
                        .execute(&mut *conn)
                        .await?;
                        let drop_upto = upto.min(seq - bound.keep);
                        if drop_upto > 0 {
                            sqlx::query(PRUNE)
                                .bind(id)
                                .bind(drop_upto)
                                .execute(&mut *conn)
                                .await?;
                        }
                    }
                    Ok(next)
                })?;
                next.map(|(seq, _)| seq)
            }
            Pool::Postgres(pool) => {
                let next_seq = next_seq(bound.bytes.map(|_| ("octet_length($5)", "$10")));
                let sql = format!(
                    "WITH next AS ({next_seq}), \
                     added AS (INSERT INTO live_ops (map_id, seq, ciphertext, created) \
                        SELECT $1, live_seq, $5, $2 FROM next), \
                     pruned AS (DELETE FROM live_ops WHERE map_id = $1 \
                        AND seq <= (SELECT LEAST(covered, live_seq - $6) FROM next)) \
                     SELECT live_seq FROM next CROSS JOIN LATERAL (SELECT pg_notify($7, \
                        json_build_object('t', 'op', 'map', $1::text, 'seq', live_seq, \
                        'from', $8::text, 'c', $9::text)::text)) AS told"
                );
                let query = sqlx::query_as(&sql)
                    .bind(id)
                    .bind(now)
                    .bind(generation)
                    .bind(bound.uncovered)
                    .bind(ciphertext)
                    .bind(bound.keep)
                    .bind(announce.channel)
                    .bind(announce.from)
                    .bind(announce.inline);
                let query = match bound.bytes {
                    Some(cap) => query.bind(cap),
                    None => query,
                };
                let next: Option<(i64,)> = query.fetch_optional(pool).await?;
                next.map(|(seq,)| seq)
            }
        };
        match seq {
            Some(seq) => Ok(Ok(seq)),
            None => self.refusal(id, generation).await.map(Err),
        }
    }

    /// Keeps a snapshot including every op up to `upto`, unless a newer one is kept, and
    /// drops the ops it includes beyond the newest `bound.keep`.
    pub async fn put_snapshot(
        &self,
        id: &str,
        generation: i64,
        upto: i64,
        ciphertext: &[u8],
        now: i64,
        bound: LogBound,
    ) -> Result<Result<(), LiveRefusal>, sqlx::Error> {
        let stored = on_writer!(self, transaction, owned(id, ciphertext), |conn| {
            let stored = sqlx::query(PUT_SNAPSHOT)
                .bind(id)
                .bind(upto)
                .bind(ciphertext)
                .bind(now)
                .bind(generation)
                .execute(&mut *conn)
                .await?
                .rows_affected();
            if stored == 1 {
                sqlx::query(
                    "DELETE FROM live_ops WHERE map_id = $1 AND seq <= $2 \
                     AND seq <= (SELECT live_seq FROM maps WHERE id = $1) - $3",
                )
                .bind(id)
                .bind(upto)
                .bind(bound.keep)
                .execute(&mut *conn)
                .await?;
            }
            Ok(stored == 1)
        })?;
        if stored {
            return Ok(Ok(()));
        }
        let Some(map) = self.live_map(id).await? else {
            return Ok(Err(LiveRefusal::Removed));
        };
        Ok(if map.removed {
            Err(LiveRefusal::Removed)
        } else if map.edit_gen != generation {
            Err(LiveRefusal::Revoked)
        } else if upto > map.seq {
            Err(LiveRefusal::SnapshotAhead)
        } else {
            // A newer snapshot is kept already: nothing to do.
            Ok(())
        })
    }

    /// Why an op was not appended.
    async fn refusal(&self, id: &str, generation: i64) -> Result<LiveRefusal, sqlx::Error> {
        Ok(match self.live_map(id).await? {
            None => LiveRefusal::Removed,
            Some(map) if map.removed => LiveRefusal::Removed,
            Some(map) if map.edit_gen != generation => LiveRefusal::Revoked,
            Some(_) => LiveRefusal::LogFull,
        })
    }

    /// The newest snapshot: what it includes, and its bytes.
    pub async fn snapshot(&self, id: &str) -> Result<Option<(i64, Vec<u8>)>, sqlx::Error> {
        const SQL: &str = "SELECT upto, ciphertext FROM live_snapshots WHERE map_id = $1";
        on_pool!(self, |pool| sqlx::query_as(SQL)
            .bind(id)
            .fetch_optional(pool)
            .await)
    }

    /// The kept ops with `after < seq <= upto`, in order.
    pub async fn ops_between(
        &self,
        id: &str,
        after: i64,
        upto: i64,
    ) -> Result<Vec<(i64, Vec<u8>)>, sqlx::Error> {
        const SQL: &str = "SELECT seq, ciphertext FROM live_ops \
            WHERE map_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq";
        on_pool!(self, |pool| sqlx::query_as(SQL)
            .bind(id)
            .bind(after)
            .bind(upto)
            .fetch_all(pool)
            .await)
    }

    /// How many ops the map's log holds.
    pub async fn op_count(&self, id: &str) -> Result<i64, sqlx::Error> {
        const SQL: &str = "SELECT COUNT(*) FROM live_ops WHERE map_id = $1";
        let (count,): (i64,) = on_pool!(self, |pool| sqlx::query_as(SQL)
            .bind(id)
            .fetch_one(pool)
            .await)?;
        Ok(count)
    }

    /// Sends `payload` to every process listening on `channel` (PostgreSQL; a no-op on SQLite,
    /// where one process serves every connection).
    pub async fn notify(&self, channel: &str, payload: &str) -> Result<(), sqlx::Error> {
        let Pool::Postgres(pool) = &self.pool else {
            return Ok(());
        };
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(channel)
            .bind(payload)
            .execute(pool)
            .await
            .map(|_| ())
    }

    /// A listener on `channel`, on PostgreSQL; `None` on SQLite.
    pub async fn listen(&self, channel: &str) -> Option<Result<PgListener, sqlx::Error>> {
        let Pool::Postgres(pool) = &self.pool else {
            return None;
        };
        Some(
            async {
                let mut listener = PgListener::connect_with(pool).await?;
                listener.listen(channel).await?;
                Ok(listener)
            }
            .await,
        )
    }
}
