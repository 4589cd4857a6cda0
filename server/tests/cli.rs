//! The built binary's command line: the database password is never printed (help, errors,
//! logs), and the maintenance commands `backup` and `purge` do their work and say so.

mod common;

use common::{Backend, Place, TestApp, backends, ciphertext};
use std::process::Output;
use tokio::process::Command;

const PASSWORD: &str = "Pa55-never-printed-9f3c";

async fn server(args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command.args(args).env("RUST_LOG", "trace");
    for (name, value) in envs {
        command.env(name, value);
    }
    command.output().await.unwrap()
}

fn printed(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[tokio::test]
async fn the_database_password_is_never_printed() {
    // Nothing listens on port 1, so the server fails to start and says why.
    let url = format!("postgres://traseu:{PASSWORD}@127.0.0.1:1/traseu");
    for args in [&["--help"][..], &["purge", "--help"], &["backup", "--help"]] {
        let help = server(args, &[("DATABASE_URL", &url)]).await;
        assert!(help.status.success());
        let text = printed(&help);
        assert!(text.contains("--database-url"), "{text}");
        assert!(!text.contains(PASSWORD), "{text}");
    }
    // At once: each waits out the pool's connect timeout.
    let env = [("DATABASE_URL", url.as_str())];
    let with_arg = ["--port", "0", "--database-url", &url];
    let (from_env, from_arg, purge) = tokio::join!(
        server(&["--port", "0"], &env),
        server(&with_arg, &[]),
        server(&["purge"], &env),
    );
    for failed in [from_env, from_arg, purge] {
        assert!(!failed.status.success());
        let text = printed(&failed);
        assert!(text.contains("traseu:***@127.0.0.1:1"), "{text}");
        assert!(!text.contains(PASSWORD), "{text}");
    }
}

#[tokio::test]
async fn a_running_server_logs_no_part_of_its_database_password() {
    for backend in backends() {
        let Backend::Postgres(_) = backend else {
            continue;
        };
        let place = Place::new(&backend).await;
        let password = place
            .database_url
            .split_once("://")
            .and_then(|(_, rest)| rest.split_once('@'))
            .and_then(|(userinfo, _)| userinfo.split_once(':'))
            .map(|(_, password)| password.to_owned())
            .expect("scripts/postgres.sh gives the URL a password");
        let log = place.dir.path().join("server.log");
        let file = std::fs::File::create(&log).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_server"))
            .args(["--port", "0", "--dist"])
            .arg(place.dist())
            .env("DATABASE_URL", &place.database_url)
            .env("RUST_LOG", "trace")
            .stdout(file.try_clone().unwrap())
            .stderr(file)
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let url = wait_for_url(&log).await;
        let client = reqwest::Client::new();
        assert!(
            client
                .get(format!("{url}/api/health"))
                .send()
                .await
                .unwrap()
                .status()
                .is_success()
        );
        let created = client
            .post(format!("{url}/api/maps"))
            .json(&serde_json::json!({ "v": 1, "ciphertext": ciphertext() }))
            .send()
            .await
            .unwrap();
        assert_eq!(created.status(), reqwest::StatusCode::CREATED);
        child.kill().await.unwrap();
        let text = std::fs::read_to_string(&log).unwrap();
        assert!(text.contains("database ready"), "{text}");
        assert!(!text.contains(&password), "the password is in the log");
    }
}

/// The URL the server says it runs at, once it has written it to `log`.
async fn wait_for_url(log: &std::path::Path) -> String {
    let found = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        loop {
            let text = std::fs::read_to_string(log).unwrap_or_default();
            if let Some(url) = text
                .lines()
                .find_map(|line| line.strip_prefix("Traseu is running at "))
            {
                return url.trim().to_owned();
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    })
    .await;
    found.expect("the server did not start within a minute")
}

#[tokio::test]
async fn backup_and_purge_run_as_commands() {
    let test = TestApp::new(&Backend::Sqlite).await;
    let (id, _) = test.create(&ciphertext()).await;
    let url = test.place.database_url.clone();
    let copy = test.place.dir.path().join("copy.db");
    let copy_arg = copy.display().to_string();

    let backup = server(&["--database-url", &url, "backup", &copy_arg], &[]).await;
    assert!(backup.status.success(), "{}", printed(&backup));
    assert!(printed(&backup).contains("integrity check: ok"));
    let restored = server::Store::open(&format!("sqlite://{copy_arg}"))
        .await
        .unwrap();
    assert!(restored.get(&id).await.unwrap().is_some());
    restored.close().await;
    let again = server(&["--database-url", &url, "backup", &copy_arg], &[]).await;
    assert!(!again.status.success(), "a backup overwrote a file");
    // A mistyped database path is refused, not backed up as a new empty database.
    let missing = test.place.dir.path().join("mistyped.db");
    let other = test.place.dir.path().join("other-copy.db");
    let mistyped = server(
        &[
            "--database-url",
            &format!("sqlite://{}", missing.display()),
            "backup",
            &other.display().to_string(),
        ],
        &[],
    )
    .await;
    assert!(!mistyped.status.success(), "{}", printed(&mistyped));
    assert!(printed(&mistyped).contains("there is no database at"));
    assert!(!missing.exists() && !other.exists());

    let purge = server(
        &["purge", "--database-url", &url, "--retain-days", "30"],
        &[],
    )
    .await;
    assert!(purge.status.success(), "{}", printed(&purge));
    assert!(
        printed(&purge).contains("Removed 0 "),
        "{}",
        printed(&purge)
    );
    assert!(test.store.get(&id).await.unwrap().is_some());
}
