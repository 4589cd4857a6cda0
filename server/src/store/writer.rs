//! Group commit for SQLite. With `synchronous = FULL` every commit waits for the disk to sync
//! the WAL, and SQLite lets one connection write at a time, so saves that commit one by one
//! queue behind each other's syncs. Here one task owns the only connection that writes: it
//! takes every write waiting for it (up to `BATCH`), runs them in one transaction, each under
//! a savepoint of its own so a failed write is undone alone, commits once (one sync), and only
//! then answers each writer. An answer therefore still means "on disk", and a burst of saves
//! pays for one sync instead of one each. When writes are few a batch holds one, and a write
//! costs what it did before: nothing waits to fill a batch.

use futures_util::future::BoxFuture;
use sqlx::{Connection, Executor, SqliteConnection};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::{mpsc, oneshot};

/// The most writes one commit takes: enough to absorb a burst, few enough that the first of
/// them does not wait long for the last.
const BATCH: usize = 64;

/// Writes waiting for the writer before a new one waits to be queued.
const QUEUE: usize = 1024;

/// A write as the writer runs it: its statements on the writer's connection, answering
/// whether they succeeded and how to deliver the outcome once the commit is known.
type Job = Box<dyn for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Done> + Send>;

struct Done {
    succeeded: bool,
    deliver: Deliver,
}

/// Hands a write its outcome, given how the commit went.
type Deliver = Box<dyn FnOnce(Result<(), &sqlx::Error>) + Send>;

enum Message {
    Write(Job),
    /// Ends the batch: it runs once what was sent before is committed.
    Then(Then),
}

enum Then {
    /// Finish the WAL checkpoint (`checkpoint.rs`), then answer.
    Checkpoint(oneshot::Sender<Result<(), sqlx::Error>>),
    /// Close the connection, then answer.
    Close(oneshot::Sender<()>),
}

/// The handle every clone of a SQLite store shares; the writer stops when the last one goes.
#[derive(Clone)]
pub(super) struct Writer {
    queue: mpsc::Sender<Message>,
    /// Commits so far, so a checkpoint can tell whether there is anything to copy.
    commits: Arc<AtomicU64>,
}

impl Writer {
    pub(super) fn start(connection: SqliteConnection) -> Writer {
        let (queue, incoming) = mpsc::channel(QUEUE);
        let commits = Arc::new(AtomicU64::new(0));
        tokio::spawn(run(connection, incoming, commits.clone()));
        Writer { queue, commits }
    }

    /// How many commits the writer has made (failed ones too).
    pub(super) fn commits(&self) -> u64 {
        self.commits.load(Ordering::Relaxed)
    }

    /// Runs `write` in the writer's next commit and answers its outcome once that commit is
    /// on disk. A write that fails is rolled back alone and answers its own error; if the
    /// commit fails, every write of the batch answers that failure.
    pub(super) async fn write<T, F>(&self, write: F) -> Result<T, sqlx::Error>
    where
        T: Send + 'static,
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T, sqlx::Error>>
            + Send
            + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |connection| {
            Box::pin(async move {
                let outcome = write(connection).await;
                Done {
                    succeeded: outcome.is_ok(),
                    deliver: Box::new(move |committed| {
                        let outcome = match committed {
                            Ok(()) => outcome,
                            Err(e) => outcome.and(Err(batch_failed(e))),
                        };
                        // The request may have gone (its client left); the write stands.
                        let _ = answer.send(outcome);
                    }),
                }
            })
        });
        self.queue
            .send(Message::Write(job))
            .await
            .map_err(|_| not_run())?;
        answered.await.map_err(|_| not_run())?
    }

    /// Checkpoints the WAL from the writer's connection, between two commits: whatever the
    /// last checkpoint left is copied and the database file synced while no commit can add
    /// to the log, so the writer's next commit starts the log afresh instead of growing it.
    pub(super) async fn checkpoint(&self) -> Result<(), sqlx::Error> {
        let (answer, answered) = oneshot::channel();
        self.queue
            .send(Message::Then(Then::Checkpoint(answer)))
            .await
            .map_err(|_| not_run())?;
        answered.await.map_err(|_| not_run())?
    }

    /// Waits for the writes sent before, then closes the writer's connection.
    pub(super) async fn close(&self) {
        let (answer, answered) = oneshot::channel();
        if self
            .queue
            .send(Message::Then(Then::Close(answer)))
            .await
            .is_ok()
        {
            let _ = answered.await;
        }
    }
}

async fn run(
    mut connection: SqliteConnection,
    mut incoming: mpsc::Receiver<Message>,
    commits: Arc<AtomicU64>,
) {
    while let Some(first) = incoming.recv().await {
        let mut batch = Vec::with_capacity(BATCH);
        let mut then = None;
        let mut next = Some(first);
        while let Some(message) = next.take() {
            match message {
                Message::Write(job) => batch.push(job),
                Message::Then(after) => {
                    then = Some(after);
                    break;
                }
            }
            if batch.len() < BATCH {
                next = incoming.try_recv().ok();
            }
        }
        if !batch.is_empty() {
            commit(&mut connection, batch).await;
            commits.fetch_add(1, Ordering::Relaxed);
        }
        match then {
            None => {}
            Some(Then::Checkpoint(answer)) => {
                let _ =
                    answer.send(execute(&mut connection, "PRAGMA wal_checkpoint(PASSIVE)").await);
            }
            Some(Then::Close(answer)) => {
                if let Err(e) = connection.close().await {
                    tracing::error!(error = %e, "closing the SQLite writer's connection failed");
                }
                let _ = answer.send(());
                return;
            }
        }
    }
}

/// Runs `jobs` in one transaction and delivers each outcome after the commit.
async fn commit(connection: &mut SqliteConnection, jobs: Vec<Job>) {
    let mut delivered = Vec::with_capacity(BATCH);
    let outcome = async {
        // IMMEDIATE: take the write lock now, so no statement of the batch meets a busy
        // database half-way (only migrations write from elsewhere).
        execute(connection, "BEGIN IMMEDIATE").await?;
        for job in jobs {
            // A job not run answers `not_run` when it is dropped.
            execute(connection, "SAVEPOINT item").await?;
            let done = job(connection).await;
            let undo = if done.succeeded {
                "RELEASE item"
            } else {
                "ROLLBACK TO item; RELEASE item"
            };
            delivered.push(done);
            // This fails if SQLite rolled the whole transaction back itself (a full disk,
            // an I/O error): then none of the batch can stand.
            execute(connection, undo).await?;
        }
        execute(connection, "COMMIT").await
    }
    .await;
    if let Err(e) = &outcome {
        tracing::error!(error = %e, writes = delivered.len(), "a group commit failed");
    }
    if outcome.is_err()
        && let Err(e) = execute(connection, "ROLLBACK").await
    {
        tracing::debug!(error = %e, "nothing to roll back after the failed commit");
    }
    for done in delivered {
        (done.deliver)(outcome.as_ref().map(|_| ()));
    }
}

/// Boxed, so the writer's task is `Send` for every lifetime of the connection it borrows.
fn execute<'c>(
    connection: &'c mut SqliteConnection,
    sql: &'static str,
) -> BoxFuture<'c, Result<(), sqlx::Error>> {
    Box::pin(async move { connection.execute(sql).await.map(|_| ()) })
}

/// `sqlx::Error` is not `Clone`: each write of a failed batch gets the failure's text.
fn batch_failed(e: &sqlx::Error) -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(format!(
        "the group commit failed: {e}"
    )))
}

/// What a write answers when it was never run: the writer had stopped, or the batch failed
/// before its turn.
fn not_run() -> sqlx::Error {
    sqlx::Error::Io(std::io::Error::other(
        "the SQLite writer did not run this write",
    ))
}
