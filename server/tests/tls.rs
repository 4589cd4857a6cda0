//! PostgreSQL over TLS: with `sslmode=require` the store connects (to scripts/postgres.sh's
//! cluster, whose certificate is self-signed), its connections are encrypted, and maps are
//! kept as ever. Runs when `TRASEU_TEST_POSTGRES_URL` is set, like every PostgreSQL test.

mod common;

use common::{Backend, Place, backends, ciphertext};
use sqlx::Connection;

fn with_sslmode(url: &str, mode: &str) -> String {
    let joiner = if url.contains('?') { '&' } else { '?' };
    format!("{url}{joiner}sslmode={mode}")
}

#[tokio::test]
async fn sslmode_require_connects_over_tls() {
    for backend in backends() {
        let Backend::Postgres(_) = backend else {
            continue;
        };
        let place = Place::new(&backend).await;
        let url = with_sslmode(&place.database_url, "require");
        let store = server::Store::open(&url)
            .await
            .unwrap_or_else(|e| panic!("sslmode=require did not connect: {e}"));
        store.migrate().await.unwrap();
        let sent = model::share::decode_base64url(&ciphertext()).unwrap();
        let id = model::share::ShareId::from_bytes([5; 16]).to_string();
        assert!(store.create(&id, &sent, &[1; 32], 1, None).await.unwrap());
        assert_eq!(store.get(&id).await.unwrap().unwrap().ciphertext, sent);
        store.close().await;

        // The server's own view of the connection: encrypted.
        let mut connection = sqlx::PgConnection::connect(&url).await.unwrap();
        let (ssl,): (bool,) =
            sqlx::query_as("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                .fetch_one(&mut connection)
                .await
                .unwrap();
        assert!(ssl, "the connection is not encrypted");
        connection.close().await.unwrap();
    }
}
