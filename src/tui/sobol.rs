//! The sensitivity worker: a second thread that computes the Sensitivity panel off the input
//! path — first the tornado on the headline's basis (`model::sensitivity::sweep`, the same
//! Monte Carlo samples and seed as the bands), then the variance-based ranking
//! (`model::sobol::rank`) — in the pattern of `worker.rs`: requests carry the generation of the
//! projection they rank, the thread keeps only the newest pending request, and the app drops an
//! answer whose generation, metric or year it no longer shows. `interrupt` stops the work under
//! way (and any sent before it) without an answer: the event loop calls it when it sends the
//! Monte Carlo a request, so on two cores this thread never takes the cores the bands need,
//! and sends the request again once the bands are in.
//!
//! Invariant: the thread never touches the terminal or the app; it only computes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::JoinHandle;

use crate::model::metrics::MetricId;
use crate::model::scenario::{Overrides, Scenario};
use crate::model::sensitivity::{self, Basis, Swing};
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
    /// Base samples N of the Sobol ranking.
    pub samples: usize,
    /// Whether to compute the tornado first (false when it is already in).
    pub tornado: bool,
    /// The Monte Carlo samples of the headline: the tornado's medians are over these.
    pub tornado_samples: usize,
    /// The seed of the headline's Monte Carlo (the tornado's too), the Sobol uniforms and
    /// the bootstrap.
    pub seed: u64,
}

/// What a finished request brings.
#[derive(Clone, Debug)]
pub enum Answer {
    /// The tornado: one swing per lever, largest first, on the headline's basis.
    Tornado(Arc<Vec<Swing>>),
    /// The Sobol ranking (`None` when the year is outside the horizon).
    Ranking(Option<Arc<Ranking>>),
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
    /// The tornado or the ranking.
    pub answer: Answer,
}

/// Two answers are equal when they answer the same request with the same result.
impl PartialEq for SobolDone {
    fn eq(&self, other: &SobolDone) -> bool {
        (self.generation, self.metric, self.year) == (other.generation, other.metric, other.year)
            && match (&self.answer, &other.answer) {
                (Answer::Tornado(a), Answer::Tornado(b)) => Arc::ptr_eq(a, b),
                (Answer::Ranking(Some(a)), Answer::Ranking(Some(b))) => Arc::ptr_eq(a, b),
                (Answer::Ranking(None), Answer::Ranking(None)) => true,
                _ => false,
            }
    }
}

/// The tornado of a request, on the calling thread.
pub fn tornado(job: &SobolJob) -> SobolDone {
    tornado_unless(job, &|| false).expect("never stopped")
}

/// The tornado of a request; `None` when `stop` said to give up.
fn tornado_unless(job: &SobolJob, stop: &dyn Fn() -> bool) -> Option<SobolDone> {
    let basis = Basis {
        samples: job.tornado_samples,
        seed: job.seed,
    };
    let swings = sensitivity::sweep_unless(
        &job.scenario,
        &job.overrides,
        job.metric,
        job.year,
        basis,
        stop,
    )?;
    Some(SobolDone {
        generation: job.generation,
        metric: job.metric,
        year: job.year,
        answer: Answer::Tornado(Arc::new(swings)),
    })
}

/// The Sobol ranking of a request, on the calling thread.
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
        answer: Answer::Ranking(ranking.map(Arc::new)),
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
                    // The tornado first: it is the panel's main view.
                    if job.tornado {
                        match tornado_unless(&job, &stop) {
                            Some(done) => {
                                if done_tx.send(done).is_err() {
                                    return;
                                }
                            }
                            None => continue,
                        }
                    }
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

    /// A request for the default scenario's domestic output in 2028.
    fn job(generation: u64, samples: usize, tornado: bool) -> SobolJob {
        SobolJob {
            generation,
            scenario: Arc::new(Scenario::defaults("t")),
            overrides: Overrides::default(),
            metric: MetricId::Domestic,
            year: 2028,
            samples,
            tornado,
            tornado_samples: 64,
            seed: 1,
        }
    }

    #[test]
    fn the_worker_answers_the_newest_request() {
        let w = SobolWorker::spawn().unwrap();
        let job = |generation| job(generation, 16, true);
        w.send(job(3));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        let next = || loop {
            if let Some(d) = w.try_recv() {
                break d;
            }
            assert!(std::time::Instant::now() < deadline, "no answer");
            std::thread::sleep(std::time::Duration::from_millis(1));
        };
        let first = next();
        assert_eq!(first.generation, 3);
        assert!(
            matches!(&first.answer, Answer::Tornado(s) if !s.is_empty()),
            "the tornado comes first"
        );
        let second = next();
        assert!(matches!(second.answer, Answer::Ranking(Some(_))));
    }

    #[test]
    fn an_interrupted_request_is_not_answered_and_a_later_one_is() {
        let w = SobolWorker::spawn().unwrap();
        let job = |generation| job(generation, 4096, false);
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
        assert!(matches!(done.answer, Answer::Ranking(Some(_))));
        assert!(w.try_recv().is_none());
    }
}
