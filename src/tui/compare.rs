//! The compare worker: a thread that runs the compare view's Monte Carlo (one scenario a row,
//! the headline metrics only, as `chipcast compare` samples them) off the input path, in the
//! pattern of `worker.rs` and `sobol.rs`: a request carries a generation and every row it
//! needs; the thread answers row by row and drops a request as soon as a newer one arrives, and
//! the app keeps an answer only while it still waits for that generation.
//!
//! Invariant: the thread never touches the terminal or the app; it only computes.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread::JoinHandle;

use crate::model::metrics::HEADLINE;
use crate::model::montecarlo::{self, Projection};
use crate::model::scenario::{Overrides, Scenario};

/// What one row of the matrix is computed from; the cache key of its projection.
#[derive(Clone, Debug)]
pub struct RowKey {
    /// Index in `Data::entries` of the scenario's file.
    pub entry: usize,
    /// The scenario as loaded (compared by pointer: a reload makes a new one).
    pub scenario: Arc<Scenario>,
    /// The lever changes applied (the explorer's edits on the open scenario's row, else none).
    pub overrides: Overrides,
    /// Monte Carlo samples.
    pub samples: usize,
    /// Monte Carlo seed.
    pub seed: u64,
}

impl RowKey {
    /// Whether two keys name the same computation.
    pub fn same_as(&self, other: &RowKey) -> bool {
        self.entry == other.entry
            && Arc::ptr_eq(&self.scenario, &other.scenario)
            && self.overrides == other.overrides
            && (self.samples, self.seed) == (other.samples, other.seed)
    }
}

/// A request for the rows not yet computed.
#[derive(Clone, Debug)]
pub struct CompareJob {
    /// Which request this is; echoed in every answer.
    pub generation: u64,
    /// The rows to compute, in the order shown.
    pub rows: Vec<RowKey>,
}

/// One finished row.
#[derive(Clone, Debug)]
pub struct CompareDone {
    /// The generation of the request this answers.
    pub generation: u64,
    /// The row computed.
    pub key: RowKey,
    /// Its bands (headline metrics sampled; the others are the central run).
    pub projection: Arc<Projection>,
}

/// Two answers are equal when they answer the same request with the same projection.
impl PartialEq for CompareDone {
    fn eq(&self, other: &CompareDone) -> bool {
        self.generation == other.generation
            && self.key.same_as(&other.key)
            && Arc::ptr_eq(&self.projection, &other.projection)
    }
}

/// Computes one row on the calling thread: exactly what `chipcast compare` computes for a
/// scenario (`simulate_metrics` over the headline metrics with the same samples and seed).
pub fn compute(generation: u64, key: &RowKey) -> CompareDone {
    let projection = montecarlo::simulate_metrics(
        &key.scenario,
        &key.overrides,
        key.samples,
        key.seed,
        &HEADLINE,
    );
    CompareDone {
        generation,
        key: key.clone(),
        projection: Arc::new(projection),
    }
}

/// The thread and its two channels.
pub struct CompareWorker {
    jobs: Option<Sender<CompareJob>>,
    done: Receiver<CompareDone>,
    handle: Option<JoinHandle<()>>,
}

impl CompareWorker {
    /// Starts the thread (named `chipcast-compare`); fails only if it cannot be created.
    pub fn spawn() -> std::io::Result<CompareWorker> {
        let (job_tx, job_rx) = mpsc::channel::<CompareJob>();
        let (done_tx, done_rx) = mpsc::channel::<CompareDone>();
        let handle = std::thread::Builder::new()
            .name("chipcast-compare".into())
            .spawn(move || run(&job_rx, &done_tx))?;
        Ok(CompareWorker {
            jobs: Some(job_tx),
            done: done_rx,
            handle: Some(handle),
        })
    }

    /// Queues a request; never blocks.
    pub fn send(&self, job: CompareJob) {
        if let Some(tx) = &self.jobs {
            // A closed channel means the thread is gone; the rows keep saying "computing".
            let _ = tx.send(job);
        }
    }

    /// A finished row, if one is waiting; never blocks.
    pub fn try_recv(&self) -> Option<CompareDone> {
        self.done.try_recv().ok()
    }
}

impl Drop for CompareWorker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// The newest request waiting, if any; `Err` when the app is gone.
fn newer(rx: &Receiver<CompareJob>) -> Result<Option<CompareJob>, ()> {
    let mut latest = None;
    loop {
        match rx.try_recv() {
            Ok(job) => latest = Some(job),
            Err(TryRecvError::Empty) => return Ok(latest),
            Err(TryRecvError::Disconnected) => return Err(()),
        }
    }
}

fn run(rx: &Receiver<CompareJob>, tx: &Sender<CompareDone>) {
    while let Ok(mut job) = rx.recv() {
        'job: loop {
            match newer(rx) {
                Ok(Some(j)) => job = j,
                Ok(None) => {}
                Err(()) => return,
            }
            for key in &job.rows {
                if tx.send(compute(job.generation, key)).is_err() {
                    return;
                }
                // A newer request replaces this one between rows.
                match newer(rx) {
                    Ok(Some(j)) => {
                        job = j;
                        continue 'job;
                    }
                    Ok(None) => {}
                    Err(()) => return,
                }
            }
            break;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(entry: usize) -> RowKey {
        RowKey {
            entry,
            scenario: Arc::new(Scenario::defaults("t")),
            overrides: Overrides::default(),
            samples: 16,
            seed: 1,
        }
    }

    #[test]
    fn the_worker_answers_every_row_of_the_newest_request() {
        let w = CompareWorker::spawn().unwrap();
        w.send(CompareJob {
            generation: 4,
            rows: vec![key(0), key(1)],
        });
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let mut got = Vec::new();
        while got.len() < 2 {
            if let Some(d) = w.try_recv() {
                got.push((d.generation, d.key.entry));
            }
            assert!(std::time::Instant::now() < deadline, "no answer");
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert_eq!(got, vec![(4, 0), (4, 1)]);
    }

    #[test]
    fn a_newer_request_replaces_a_waiting_one() {
        let (tx, rx) = mpsc::channel();
        for g in 1..5 {
            tx.send(CompareJob {
                generation: g,
                rows: vec![key(0)],
            })
            .unwrap();
        }
        assert_eq!(newer(&rx).unwrap().map(|j| j.generation), Some(4));
        assert!(newer(&rx).unwrap().is_none());
    }
}
