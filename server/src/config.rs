use clap::Parser;
use std::path::PathBuf;

/// Traseu: a customer journey mapping tool. Serves the app and keeps shared maps.
#[derive(Clone, Debug, Parser)]
#[command(version, about)]
pub struct Config {
    /// Address to listen on. Use 0.0.0.0 to accept other machines.
    #[arg(long, env = "TRASEU_BIND", default_value = "127.0.0.1")]
    pub bind: String,

    /// Port to listen on (0 picks a free one).
    #[arg(long, short, env = "TRASEU_PORT", default_value_t = 3000)]
    pub port: u16,

    /// Folder holding the built front end (`trunk build --release` writes it).
    #[arg(long, env = "TRASEU_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Where shared maps are kept: a SQLite file (created if missing) or a PostgreSQL URL.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/traseu.db")]
    pub database_url: String,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "TRASEU_BODY_LIMIT", default_value_t = model::share::MAX_UPLOAD_BYTES)]
    pub body_limit: usize,

    /// Requests per second one client (IP address) may make to /api; 0 turns the limit off.
    #[arg(long, env = "TRASEU_RATE_LIMIT", default_value_t = 20)]
    pub rate_limit: u32,

    /// Requests one client may make at once before the per-second limit applies.
    #[arg(long, env = "TRASEU_RATE_BURST", default_value_t = 50)]
    pub rate_burst: u32,
}
