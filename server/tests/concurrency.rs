//! Optimistic concurrency over real HTTP on loopback: many owners save the same map from the
//! same version at the same moment; exactly one save wins, every other one is told to reload.

mod common;

use common::{TestApp, backends, ciphertext, serve_on_loopback};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::Barrier;

const CLIENTS: usize = 8;
const ROUNDS: u64 = 10;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn of_eight_concurrent_updates_from_one_version_exactly_one_wins() {
    for backend in backends() {
        let test = TestApp::new(&backend).await;
        let (id, token) = test.create(&ciphertext()).await;
        let addr = serve_on_loopback(test.router.clone()).await;
        let url = format!("http://{addr}/api/maps/{id}");
        let client = reqwest::Client::new();

        for round in 1..=ROUNDS {
            let barrier = Arc::new(Barrier::new(CLIENTS));
            let tasks: Vec<_> = (0..CLIENTS)
                .map(|_| {
                    let (client, url, token, barrier) =
                        (client.clone(), url.clone(), token.clone(), barrier.clone());
                    let text = ciphertext();
                    tokio::spawn(async move {
                        let request = client
                            .put(&url)
                            .bearer_auth(&token)
                            .json(&json!({ "v": 1, "ciphertext": text, "base_version": round }));
                        barrier.wait().await;
                        let response = request.send().await.unwrap();
                        let status = response.status();
                        let body: Value = response.json().await.unwrap();
                        (status, body, text)
                    })
                })
                .collect();
            let mut winners = Vec::new();
            for task in tasks {
                let (status, body, text) = task.await.unwrap();
                match status {
                    StatusCode::OK => {
                        assert_eq!(body, json!({ "version": round + 1 }));
                        winners.push(text);
                    }
                    StatusCode::PRECONDITION_FAILED => {
                        assert_eq!(body["current_version"], round + 1, "{body}");
                    }
                    other => panic!("{}: round {round}: {other} {body}", backend.name()),
                }
            }
            assert_eq!(winners.len(), 1, "{}: round {round}", backend.name());
            // What is stored is the winner's map, whole.
            let got: Value = client.get(&url).send().await.unwrap().json().await.unwrap();
            assert_eq!(got["version"], round + 1);
            assert_eq!(got["ciphertext"], winners[0]);
        }
    }
}
