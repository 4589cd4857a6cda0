use clap::{Parser, Subcommand};
use ipnet::IpNet;
use std::net::IpAddr;
use std::path::PathBuf;

/// Traseu: a customer journey mapping tool. Serves the app and keeps shared maps.
#[derive(Clone, Debug, Parser)]
#[command(version, about)]
pub struct Config {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Address to listen on. Use 0.0.0.0 to accept other machines.
    #[arg(long, env = "TRASEU_BIND", default_value = "127.0.0.1")]
    pub bind: String,

    /// Port to listen on (0 picks a free one).
    #[arg(long, short, env = "TRASEU_PORT", default_value_t = 3000)]
    pub port: u16,

    /// Folder holding the built front end (`trunk build --release` writes it).
    #[arg(long, env = "TRASEU_DIST", default_value = "dist")]
    pub dist: PathBuf,

    /// Where shared maps are kept: a SQLite file (created if missing, mode 0600) or a
    /// PostgreSQL URL (add `?sslmode=require` for TLS). Its value is never printed.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/traseu.db",
        hide_env_values = true,
        global = true
    )]
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

    /// Maps one client (IP address) may share per hour; 0 turns the quota off.
    #[arg(long, env = "TRASEU_CREATE_QUOTA", default_value_t = 60)]
    pub create_quota: u32,

    /// Most bytes of shared maps kept in all; new shares and growing updates are refused
    /// beyond it (507). 0 turns the cap off.
    #[arg(long, env = "TRASEU_STORAGE_CAP", default_value_t = 1 << 30)]
    pub storage_cap: u64,

    /// Days a shared map (or a stopped share's tombstone) is kept after it was last read or
    /// written; `purge` removes older ones, and the server does so daily. 0 keeps them forever.
    #[arg(long, env = "TRASEU_RETAIN_DAYS", default_value_t = 365, global = true)]
    pub retain_days: u32,

    /// Seconds a client may take to send a request's line and headers before the connection
    /// is closed.
    #[arg(long, env = "TRASEU_HEADER_TIMEOUT", default_value_t = 10)]
    pub header_timeout: u64,

    /// Seconds a request may take, body included, before it is answered 408.
    #[arg(long, env = "TRASEU_REQUEST_TIMEOUT", default_value_t = 30)]
    pub request_timeout: u64,

    /// Connections served at once; further ones wait in the system's queue.
    #[arg(long, env = "TRASEU_MAX_CONNECTIONS", default_value_t = 2048)]
    pub max_connections: usize,

    /// Seconds to let requests in flight finish after Ctrl+C or SIGTERM; then they are cut.
    #[arg(long, env = "TRASEU_SHUTDOWN_TIMEOUT", default_value_t = 10)]
    pub shutdown_timeout: u64,

    /// A reverse proxy (address or CIDR block; repeat, or comma-separate in the variable)
    /// whose X-Forwarded-For is believed: clients are then counted by the right-most address
    /// in it that is not a trusted proxy.
    #[arg(
        long = "trusted-proxy",
        env = "TRASEU_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_parser = parse_net
    )]
    pub trusted_proxies: Vec<IpNet>,

    /// Send Strict-Transport-Security (two years, subdomains included). Only behind HTTPS.
    #[arg(long, env = "TRASEU_HSTS")]
    pub hsts: bool,

    /// Largest live frame, in bytes, other than a snapshot (which may be as large as
    /// --body-limit); a larger one closes the connection (4413).
    #[arg(long, env = "TRASEU_LIVE_FRAME_LIMIT", default_value_t = 256 * 1024)]
    pub live_frame_limit: usize,

    /// Frames per second one live connection may send (4429 beyond); 0 turns the limit off.
    #[arg(long, env = "TRASEU_LIVE_RATE", default_value_t = 30)]
    pub live_rate: u32,

    /// Frames one live connection may send at once before the per-second limit applies.
    #[arg(long, env = "TRASEU_LIVE_BURST", default_value_t = 60)]
    pub live_burst: u32,

    /// People connected to one map at once, across server processes (4503 "map full").
    #[arg(long, env = "TRASEU_LIVE_PEOPLE", default_value_t = 50)]
    pub live_people: usize,

    /// Maps with live connections in this process at once (4503 "server full").
    #[arg(long, env = "TRASEU_LIVE_MAPS", default_value_t = 1000)]
    pub live_maps: usize,

    /// Ops a map's live log keeps whatever its snapshot includes. Four times as many may wait
    /// for a snapshot: editors are asked for one from three times as many, and past four
    /// times further ops are refused (4503 "log full") until one comes.
    #[arg(long, env = "TRASEU_LIVE_LOG", default_value_t = 1000)]
    pub live_log: u32,

    /// Bytes of ciphertext a map's live log may hold; past them further ops are refused
    /// (4503 "log full") until a snapshot comes, as past --live-log's count; 0 turns it off.
    #[arg(long, env = "TRASEU_LIVE_LOG_BYTES", default_value_t = 16 * 1024 * 1024)]
    pub live_log_bytes: u64,

    /// Seconds between the server's pings on a live connection.
    #[arg(long, env = "TRASEU_LIVE_PING", default_value_t = 20)]
    pub live_ping: u64,

    /// Seconds a live connection may stay silent (no pong, no frame) before it is closed
    /// (4408); its first frame, `hello`, must come within it too.
    #[arg(long, env = "TRASEU_LIVE_IDLE_TIMEOUT", default_value_t = 60)]
    pub live_idle_timeout: u64,
}

#[derive(Clone, Debug, Subcommand)]
pub enum Command {
    /// Removes shared maps and tombstones neither read nor written for `--retain-days`, then
    /// exits.
    Purge,
    /// Copies the SQLite database to FILE (which must not exist), checks the copy with
    /// `PRAGMA integrity_check`, then exits. For PostgreSQL use pg_dump.
    Backup { file: PathBuf },
}

/// A CIDR block, or a single address as its own block.
fn parse_net(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| format!("`{text}` is neither an IP address nor a CIDR block"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trusted_proxy_is_a_block_or_an_address() {
        assert_eq!(
            parse_net("10.0.0.0/8").unwrap(),
            "10.0.0.0/8".parse::<IpNet>().unwrap()
        );
        assert_eq!(
            parse_net("::1").unwrap(),
            "::1/128".parse::<IpNet>().unwrap()
        );
        assert!(parse_net("proxy.local").is_err());
    }
}
