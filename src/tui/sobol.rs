//! The Sobol worker: a second thread that computes the Sensitivity panel's variance-based
//! ranking (`model::sobol::rank`) off the input path, in the pattern of `worker.rs`: requests
//! carry the generation of the projection they rank, the thread keeps only the newest pending
//! request, and the app drops an answer whose generation, metric or year it no longer shows.
//!
//! Invariant: the thread never touches the terminal or the app; it only computes.

use std::sync::Arc;
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
    let ranking = sobol::rank(
        &job.scenario,
        &job.overrides,
        job.metric,
        job.year,
        job.samples,
        job.seed,
    );
    SobolDone {
        generation: job.generation,
        metric: job.metric,
        year: job.year,
        ranking: ranking.map(Arc::new),
    }
}

/// The thread and its two channels.
pub struct SobolWorker {
    jobs: Option<Sender<SobolJob>>,
    done: Receiver<SobolDone>,
    handle: Option<JoinHandle<()>>,
}

impl SobolWorker {
    /// Starts the thread (named `chipcast-sobol`); fails only if it cannot be created.
    pub fn spawn() -> std::io::Result<SobolWorker> {
        let (job_tx, job_rx) = mpsc::channel::<SobolJob>();
        let (done_tx, done_rx) = mpsc::channel::<SobolDone>();
        let handle = std::thread::Builder::new()
            .name("chipcast-sobol".into())
            .spawn(move || {
                while let Ok(mut job) = job_rx.recv() {
                    // Only the newest request matters.
                    while let Ok(newer) = job_rx.try_recv() {
                        job = newer;
                    }
                    if done_tx.send(compute(&job)).is_err() {
                        return;
                    }
                }
            })?;
        Ok(SobolWorker {
            jobs: Some(job_tx),
            done: done_rx,
            handle: Some(handle),
        })
    }

    /// Queues a request; never blocks.
    pub fn send(&self, job: SobolJob) {
        if let Some(tx) = &self.jobs {
            // A closed channel means the thread is gone; the panel keeps saying "computing".
            let _ = tx.send(job);
        }
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
}
