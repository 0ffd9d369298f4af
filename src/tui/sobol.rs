//! The Sobol worker: a second thread that computes the Sensitivity panel's variance-based
//! ranking (`model::sobol::rank`) off the input path, in the pattern of `worker.rs`: requests
//! carry the generation of the projection they rank, the thread keeps only the newest pending
//! request, and the app drops an answer whose generation, metric or year it no longer shows.
//! `interrupt` stops the ranking under way (and any sent before it) without an answer: the
//! event loop calls it when it sends the Monte Carlo a request, so on two cores the ranking
//! never takes the cores the bands need, and sends the ranking again once the bands are in.
//!
//! Invariant: the thread never touches the terminal or the app; it only computes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::model::metrics::MetricId;
use crate::model::scenario::{Overrides, Scenario};
use crate::model::sobol::{self, Ranking};

/// A request for the ranking of one metric in one year of a state.
#[derive(Clone, Debug)]
pub struct SobolJob {
    /// The `Results::generation` of the current projection it ranks.
    pub generation: u64,
    /// The scenario.
    pub scenario: Arc<Scenario>,
    /// The lever changes applied to it.
    pub overrides: Overrides,
    /// The metric ranked.
    pub metric: MetricId,
    /// The year it is measured in.
    pub year: i32,
    /// Base samples N.
    pub samples: usize,
    /// The seed of the uniforms and the bootstrap.
    pub seed: u64,
}

/// A finished ranking.
#[derive(Clone, Debug)]
pub struct SobolDone {
    /// The generation of the request this answers.
    pub generation: u64,
    /// The metric ranked.
    pub metric: MetricId,
    /// The year ranked.
    pub year: i32,
    /// The ranking (`None` when the year is outside the horizon).
    pub ranking: Option<Arc<Ranking>>,
}

/// Two answers are equal when they answer the same request with the same ranking.
impl PartialEq for SobolDone {
    fn eq(&self, other: &SobolDone) -> bool {
        (self.generation, self.metric, self.year) == (other.generation, other.metric, other.year)
            && match (&self.ranking, &other.ranking) {
                (Some(a), Some(b)) => Arc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

/// Runs a request on the calling thread.
pub fn compute(job: &SobolJob) -> SobolDone {
    compute_unless(job, &|| false).expect("never stopped")
}

/// Runs a request on the calling thread; `None` when `stop` said to give up.
fn compute_unless(job: &SobolJob, stop: &(dyn Fn() -> bool + Sync)) -> Option<SobolDone> {
    let ranking = sobol::rank_unless(
        &job.scenario,
        &job.overrides,
        job.metric,
        job.year,
        job.samples,
        job.seed,
        stop,
    );
    if ranking.is_none() && stop() {
        return None;
    }
    Some(SobolDone {
        generation: job.generation,
        metric: job.metric,
        year: job.year,
        ranking: ranking.map(Arc::new),
    })
}

/// The thread and its two channels.
pub struct SobolWorker {
    /// Each request with the interruption count when it was sent.
    jobs: Option<Sender<(SobolJob, u64)>>,
    done: Receiver<SobolDone>,
    /// How many times `interrupt` was called: a request sent before the latest call stops.
    interrupts: Arc<AtomicU64>,
    handle: Option<JoinHandle<()>>,
}

impl SobolWorker {
    /// Starts the thread (named `chipcast-sobol`); fails only if it cannot be created.
    pub fn spawn() -> std::io::Result<SobolWorker> {
        let (job_tx, job_rx) = mpsc::channel::<(SobolJob, u64)>();
        let (done_tx, done_rx) = mpsc::channel::<SobolDone>();
        let interrupts = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&interrupts);
        let handle = std::thread::Builder::new()
            .name("chipcast-sobol".into())
            .spawn(move || {
                while let Ok(mut job) = job_rx.recv() {
                    // Only the newest request matters.
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    let (job, sent_at) = job;
                    let stop = || seen.load(Ordering::Relaxed) != sent_at;
                    if let Some(done) = compute_unless(&job, &stop)
                        && done_tx.send(done).is_err()
                    {
                        return;
                    }
                }
            })?;
        Ok(SobolWorker {
            jobs: Some(job_tx),
            done: done_rx,
            interrupts,
            handle: Some(handle),
        })
    }

    /// Queues a request; never blocks.
    pub fn send(&self, job: SobolJob) {
        if let Some(tx) = &self.jobs {
            // A closed channel means the thread is gone; the panel keeps saying "computing".
            let _ = tx.send((job, self.interrupts.load(Ordering::Relaxed)));
        }
    }

    /// Stops the ranking under way and every request sent so far, without answers (they
    /// must be sent again to be answered); never blocks.
    pub fn interrupt(&self) {
        self.interrupts.fetch_add(1, Ordering::Relaxed);
    }

    /// A finished ranking, if one is waiting; never blocks.
    pub fn try_recv(&self) -> Option<SobolDone> {
        self.done.try_recv().ok()
    }
}

impl Drop for SobolWorker {
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_answers_the_newest_request() {
        let w = SobolWorker::spawn().unwrap();
        let job = |generation| SobolJob {
            generation,
            scenario: Arc::new(Scenario::defaults("t")),
            overrides: Overrides::default(),
            metric: MetricId::Domestic,
            year: 2028,
            samples: 16,
            seed: 1,
        };
        w.send(job(3));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let done = loop {
            if let Some(d) = w.try_recv() {
                break d;
            }
            assert!(std::time::Instant::now() < deadline, "no answer");
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        assert_eq!(done.generation, 3);
        assert!(done.ranking.is_some());
    }

    #[test]
    fn an_interrupted_request_is_not_answered_and_a_later_one_is() {
        let w = SobolWorker::spawn().unwrap();
        let job = |generation| SobolJob {
            generation,
            scenario: Arc::new(Scenario::defaults("t")),
            overrides: Overrides::default(),
            metric: MetricId::Domestic,
            year: 2028,
            samples: 4096,
            seed: 1,
        };
        w.send(job(1));
        w.interrupt();
        w.send(job(2));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let done = loop {
            if let Some(d) = w.try_recv() {
                break d;
            }
            assert!(std::time::Instant::now() < deadline, "no answer");
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        assert_eq!(done.generation, 2);
        assert!(done.ranking.is_some());
        assert!(w.try_recv().is_none());
    }
}
