//! Slow clients on a real socket: a half-sent request line is cut off by the header timeout
//! while a thousand such sockets cannot keep others from being answered, and shutdown ends
//! within its deadline even with an upload stalled in the middle.

mod common;

use common::{Backend, CONNECTIONS, TestApp, serve_until, settings};
use server::{Connections, Settings};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const STALLED: usize = 1000;

/// Room for the stalled sockets at both ends (this process is client and server).
fn raise_open_file_limit(wanted: u64) {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct given.
    unsafe {
        assert_eq!(libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit), 0);
        if limit.rlim_cur < wanted {
            limit.rlim_cur = wanted.min(limit.rlim_max);
            assert_eq!(libc::setrlimit(libc::RLIMIT_NOFILE, &limit), 0);
        }
    }
    assert!(
        limit.rlim_cur >= wanted,
        "need {wanted} open files, the hard limit is {}",
        limit.rlim_max
    );
}

/// Waits until the server closes `stream` (end of file or reset), reading whatever it sends.
async fn closed_by_server(stream: &mut TcpStream, within: Duration) -> Vec<u8> {
    let mut seen = Vec::new();
    let mut buffer = [0u8; 1024];
    tokio::time::timeout(within, async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => return,
                Ok(n) => seen.extend_from_slice(&buffer[..n]),
            }
        }
    })
    .await
    .expect("the server kept a stalled connection open");
    seen
}

async fn health(addr: SocketAddr) -> reqwest::StatusCode {
    reqwest::get(format!("http://{addr}/api/health"))
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn half_request_lines_are_cut_off_and_others_still_get_answers() {
    raise_open_file_limit(3 * STALLED as u64 + 256);
    let test = TestApp::new(&Backend::Sqlite).await;
    let header_timeout = Duration::from_secs(3);
    let (addr, _server) = serve_until(
        test.router.clone(),
        Connections {
            header_timeout,
            ..CONNECTIONS
        },
        std::future::pending(),
    )
    .await;

    let opened = Instant::now();
    let mut stalled = Vec::with_capacity(STALLED);
    for _ in 0..STALLED {
        let mut stream = TcpStream::connect(addr).await.unwrap();
        stream.write_all(b"GET /api/hea").await.unwrap();
        stalled.push(stream);
    }
    // Ordinary requests, on fresh connections, are answered while those sit there.
    let mut answers = tokio::task::JoinSet::new();
    for _ in 0..20 {
        answers.spawn(health(addr));
    }
    while let Some(status) = answers.join_next().await {
        assert_eq!(status.unwrap(), reqwest::StatusCode::OK);
    }

    // Every stalled socket is closed by the server, by its timeout: not before it.
    for stream in &mut stalled {
        closed_by_server(stream, header_timeout + Duration::from_secs(30)).await;
    }
    assert!(opened.elapsed() >= header_timeout);
    assert_eq!(health(addr).await, reqwest::StatusCode::OK);
}

#[tokio::test]
async fn a_silent_connection_is_cut_off_too() {
    let test = TestApp::new(&Backend::Sqlite).await;
    let (addr, _server) = serve_until(
        test.router.clone(),
        Connections {
            header_timeout: Duration::from_secs(1),
            ..CONNECTIONS
        },
        std::future::pending(),
    )
    .await;
    let mut stream = TcpStream::connect(addr).await.unwrap();
    closed_by_server(&mut stream, Duration::from_secs(30)).await;
}

#[tokio::test]
async fn shutdown_during_a_stalled_upload_ends_within_its_deadline() {
    // The request itself could take a minute: only the shutdown deadline can end it sooner.
    let test = TestApp::with(
        &Backend::Sqlite,
        Settings {
            request_timeout: Duration::from_secs(600),
            ..settings()
        },
    )
    .await;
    let deadline = Duration::from_secs(1);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (addr, server) = serve_until(
        test.router.clone(),
        Connections {
            shutdown_deadline: deadline,
            ..CONNECTIONS
        },
        async {
            stopped.await.ok();
        },
    )
    .await;

    let mut upload = TcpStream::connect(addr).await.unwrap();
    upload
        .write_all(
            b"POST /api/maps HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
              Content-Length: 100000\r\nExpect: 100-continue\r\n\r\n",
        )
        .await
        .unwrap();
    // The server asks for the body only once a handler reads it: the upload is in flight.
    let mut continued = [0u8; 25];
    upload.read_exact(&mut continued).await.unwrap();
    assert_eq!(&continued, b"HTTP/1.1 100 Continue\r\n\r\n");
    upload
        .write_all(br#"{"v":1,"ciphertext":"AAAA"#)
        .await
        .unwrap();

    let asked = Instant::now();
    stop.send(()).unwrap();
    tokio::time::timeout(deadline + Duration::from_secs(30), server)
        .await
        .expect("shutdown waited for the stalled upload past its deadline")
        .unwrap();
    assert!(
        asked.elapsed() >= deadline,
        "the upload in flight was given its time"
    );
    closed_by_server(&mut upload, Duration::from_secs(30)).await;
    assert!(TcpStream::connect(addr).await.is_err(), "still accepting");
}
