//! Downloads of the queue's current filter: CSV and ClaimReview, streamed from a read
//! connection (through `src/export`) so that a large ledger is never held in memory.

use super::params::Wanted;
use super::{Desk, Failure};
use crate::export::claimreview::{Organisation, Written, claim_review};
use crate::export::csv::CsvWriter;
use crate::store::{ClaimFilter, Ledger};
use axum::body::{Body, Bytes};
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use std::io::Write;
use std::sync::Arc;
use tokio::sync::mpsc;

/// Bytes gathered before they are sent as one chunk.
const CHUNK: usize = 64 * 1024;

/// An `io::Write` that sends what is written to the response body in chunks. A client that
/// went away is a broken pipe, which ends the export.
struct Sink {
    buf: Vec<u8>,
    tx: mpsc::Sender<Result<Bytes, std::io::Error>>,
}

impl Write for Sink {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.flush()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::take(&mut self.buf));
        self.tx.blocking_send(Ok(chunk)).map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the client went away")
        })
    }
}

type Export = dyn FnOnce(&Ledger, &mut Sink) -> anyhow::Result<()> + Send;

/// Starts `export` on a read connection and returns the response that streams its output.
fn stream(
    desk: Arc<Desk>,
    content_type: &'static str,
    file: &str,
    export: Box<Export>,
) -> Response {
    let (tx, mut rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    let failed = tx.clone();
    tokio::spawn(async move {
        let outcome = desk
            .read_export(move |l| {
                let mut sink = Sink {
                    buf: Vec::new(),
                    tx,
                };
                export(l, &mut sink)
                    .and_then(|()| sink.flush().map_err(anyhow::Error::from))
                    .map_err(|e| Failure::Internal(format!("{e:#}")))
            })
            .await;
        if let Err(e) = outcome {
            eprintln!("claimledger desk: a download stopped: {e:?}");
            // Break the response off, so that the client sees an incomplete download.
            let _ = failed
                .send(Err(std::io::Error::other("export failed")))
                .await;
        }
    });
    let body = Body::from_stream(futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)));
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        body,
    )
        .into_response()
}

fn filter_of(raw: Option<String>) -> Result<ClaimFilter, Failure> {
    let w = Wanted::parse(raw.as_deref()).map_err(Failure::BadRequest)?;
    let mut filter = w.filter;
    filter.sort = w.order;
    Ok(filter)
}

/// `/download/claims.csv?…`: the CSV of `export` for the filter.
pub async fn csv(
    State(desk): State<Arc<Desk>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let filter = filter_of(raw)?;
    Ok(stream(
        desk,
        "text/csv; charset=utf-8",
        "claims.csv",
        Box::new(move |l, out| {
            let mut w = CsvWriter::new(out, false)?;
            l.for_each_unseen(&filter, |r| w.write(&r).map_err(anyhow::Error::from))?;
            w.finish()?;
            Ok(())
        }),
    ))
}

/// `/download/claimreview.json?…`: ClaimReview of the filter's published verdicts, for the
/// organisation in the ledger's settings.
pub async fn claimreview(
    State(desk): State<Arc<Desk>>,
    RawQuery(raw): RawQuery,
) -> Result<Response, Failure> {
    let filter = filter_of(raw)?;
    let saved = desk.read(|l| Ok(l.publish_settings()?)).await?;
    let Some(name) = saved.org_name.filter(|n| !n.trim().is_empty()) else {
        return Err(Failure::BadRequest(
            "ClaimReview names the organisation that checked the claims: set it with 'claimledger settings --org-name NAME --org-url URL'".into(),
        ));
    };
    let org = Organisation {
        name,
        url: saved.org_url,
        base_url: saved.base_url,
    };
    Ok(stream(
        desk,
        "application/ld+json",
        "claimreview.json",
        Box::new(move |l, out| {
            out.write_all(b"[")?;
            let mut first = true;
            l.for_each(&filter, |r| {
                let appearances = l.appearances(r.id)?;
                if let Written::Review(value) = claim_review(&r, &appearances, &org) {
                    out.write_all(if first { b"\n  " } else { b",\n  " })?;
                    first = false;
                    serde_json::to_writer(&mut *out, &value)?;
                }
                Ok::<_, anyhow::Error>(())
            })?;
            out.write_all(b"\n]\n")?;
            Ok(())
        }),
    ))
}
